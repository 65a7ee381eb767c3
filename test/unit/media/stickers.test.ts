import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLocketService } from '../../../electron/core/service';
import { loadSqlJs } from '../../../electron/core/db/sqlite';
import { KDF_TEST_PARAMS } from '../../../electron/core/vault/kdf';
import { FRIEND, T0_MS, generateAndroidBackup } from '../../fixtures/generate-android-backup';
import { tempDir } from '../../helpers/temp-dir';

/** A 1×1 GIF: a sticker as the Android `emoji/` folder keeps it when it is not encrypted. */
const GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');
const md5s = { plain: 'a'.repeat(32), encrypted: 'b'.repeat(32), absent: 'c'.repeat(32) };

/** Adds three sticker messages (type 47) to the Android fixture: one whose GIF is in emoji/<group>/, one AES-encrypted, one absent. */
async function androidWithStickers(): Promise<string> {
  const { userDir, dbPath } = await generateAndroidBackup(tempDir());
  const SQL = await loadSqlJs();
  const db = new SQL.Database(readFileSync(dbPath));
  Object.values(md5s).forEach((md5, i) => {
    const content = `<msg><emoji fromusername="${FRIEND}" tousername="wxid_owner" type="2" md5="${md5}" len="42" cdnurl="http://emoji.qpic.cn/wx_emoji/x/" width="1" height="1" /></msg>`;
    db.run(
      'INSERT INTO message (msgId, msgSvrId, type, status, isSend, createTime, talker, content) VALUES (?, ?, 47, 3, 0, ?, ?, ?)',
      [900 + i, 77_000 + i, T0_MS + 3_600_000 + i * 1000, FRIEND, content],
    );
  });
  writeFileSync(dbPath, db.export());
  db.close();
  mkdirSync(join(userDir, 'emoji', 'group1'), { recursive: true });
  writeFileSync(join(userDir, 'emoji', 'group1', md5s.plain), GIF);
  // What WeChat writes when it encrypts a sticker (WD emoji.py): not an image until decrypted, which Locket never does.
  writeFileSync(join(userDir, 'emoji', md5s.encrypted), Buffer.alloc(64, 0x9e));
  return userDir;
}

describe('stickers', () => {
  it('stores a sticker whose image is in the Android emoji/ folder; otherwise shows it missing, with the reason, counted', async () => {
    const source = await androidWithStickers();
    const service = createLocketService({ sessionOptions: { kdf: KDF_TEST_PARAMS, recoveryKdf: KDF_TEST_PARAMS } });
    await service['vault.create']({ path: join(tempDir(), 'Stickers.locket'), passphrase: 'sticker test passphrase' });
    const report = await service['import.run']({ paths: [source] });
    const stickers = (await service['messages.list']({ limit: 5000 })).messages.filter((m) => m.kind === 'sticker');
    expect(stickers.map((m) => m.media.map((r) => [r.role, r.missingReason]))).toEqual([
      [['sticker', null]],
      [['sticker', 'stored-encrypted-by-wechat']],
      [['sticker', 'sticker-not-in-backup']],
    ]);
    const stored = stickers[0]!.media[0]!;
    expect(stored).toMatchObject({ mime: 'image/gif', width: 1, height: 1 });
    expect(Buffer.from((await service['media.get']({ mediaId: stored.mediaId! })).bytes).equals(GIF)).toBe(true);
    expect(await service['media.info']({ mediaId: stored.mediaId! })).toMatchObject({
      isImage: true,
      mime: 'image/gif',
    });
    expect(report.media.missing).toMatchObject({ 'stored-encrypted-by-wechat': 1, 'sticker-not-in-backup': 1 });
    await service.dispose();
  });
});
