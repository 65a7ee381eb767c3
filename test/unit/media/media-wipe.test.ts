import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MediaRef } from '../../../electron/ipc/contract';
import { executeWipe } from '../../../electron/core/retention/execute-wipe';
import { all } from '../../../electron/core/db/sqlite';
import type { VaultSession } from '../../../electron/core/session/vault-session';
import type { VaultWriter } from '../../../electron/core/session/vault-writer';
import { mediaPath } from '../../../electron/core/vault/vault-files';
import { storeMedia } from '../../../electron/core/importing/pipeline/store-media';
import { SAMPLE_JPEG } from '../../fixtures/pc3-media-samples';
import { createTestVault, message } from '../../helpers/vault';

/** Two image messages whose images are the same bytes: stored once, referenced twice. */
async function twoMessagesSharingAnImage(session: VaultSession): Promise<{ ids: number[]; mediaId: string }> {
  const tally = { stored: 0, alreadyInVault: 0, missing: {} };
  const image = {
    role: 'image' as const,
    location: { bytes: SAMPLE_JPEG },
    encoding: 'plain' as const,
    missingReason: null,
    fileName: null,
  };
  await session.write(async (w: VaultWriter) => {
    const refs: MediaRef[][] = [await storeMedia(w, [image], tally), await storeMedia(w, [image], tally)];
    await w.insertMessages(
      refs.map((media, i) =>
        message(i, { kind: 'image', text: '[Image]', payload: JSON.stringify({ media }), mediaId: media[0]!.mediaId }),
      ),
    );
  });
  expect(tally).toEqual({ stored: 1, alreadyInVault: 1, missing: {} });
  const rows = all<{ id: number; media_id: string }>(
    await session.shard(session.listShards()[0]!),
    'SELECT id, media_id FROM messages ORDER BY id',
  );
  expect(new Set(rows.map((r) => r.media_id)).size).toBe(1);
  return { ids: rows.map((r) => r.id), mediaId: rows[0]!.media_id };
}

const mediaRow = (session: VaultSession, mediaId: string) =>
  all(session.catalog, 'SELECT ref_count FROM media WHERE file_id = ?', [mediaId]);

describe('wiping messages that refer to media', () => {
  it('keeps an image while another message refers to it, and destroys its file and catalog row with the last reference', async () => {
    const { dir, session } = await createTestVault();
    const { ids, mediaId } = await twoMessagesSharingAnImage(session);
    const file = join(dir, mediaPath(mediaId));
    expect(existsSync(file)).toBe(true);
    expect(mediaRow(session, mediaId)).toEqual([{ ref_count: 2 }]);

    const first = await executeWipe(session, { kind: 'messages', messageIds: [ids[0]!] }, 1);
    expect(first.body).toMatchObject({ counts: { messages: 1, mediaFiles: 0 } });
    expect(existsSync(file)).toBe(true);
    expect(mediaRow(session, mediaId)).toEqual([{ ref_count: 1 }]);
    expect(Buffer.from(await session.readMediaFile(mediaId)).equals(SAMPLE_JPEG)).toBe(true);

    const last = await executeWipe(session, { kind: 'messages', messageIds: [ids[1]!] }, 1);
    expect(last.body).toMatchObject({ counts: { messages: 1, mediaFiles: 1 } });
    expect(last.body.destroyedKeyIds).toContain(mediaId);
    expect(existsSync(file)).toBe(false);
    expect(mediaRow(session, mediaId)).toEqual([]);
    await expect(session.readMediaFile(mediaId)).rejects.toMatchObject({ code: 'invalid-argument' });
    await session.lock();
  });
});
