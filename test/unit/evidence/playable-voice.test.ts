import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readWavFormat } from '../../../electron/core/media/wav-header';
import { evidenceVault } from '../../helpers/evidence-vault';

interface MediaRecord {
  role: string;
  path: string | null;
  mime: string | null;
}

describe('voice messages in an evidence bag', () => {
  it('keep the original recording and add a WAV copy the transcript plays without scripts', async () => {
    const v = await evidenceVault();
    const ids = [...v.conversations.values()].map((c) => c.id);
    const { bags } = await v.service['export.run']({
      conversationIds: ids,
      outputPath: join(v.out, 'bag'),
      timeZone: 'Asia/Shanghai',
    });
    const bag = bags[0]!.path;
    const records = readFileSync(join(bag, 'data/messages.jsonl'), 'utf8')
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l) as { kind: string; media: MediaRecord[] });
    const voices = records.filter((r) => r.kind === 'voice' && r.media.some((m) => m.role === 'voice' && m.path));
    expect(voices.length).toBeGreaterThan(0);
    const manifest = readFileSync(join(bag, 'manifest-sha256.txt'), 'utf8');
    const transcript = readFileSync(join(bag, 'data/transcript.html'), 'utf8');
    for (const voice of voices) {
      const original = voice.media.find((m) => m.role === 'voice')!;
      const playable = voice.media.find((m) => m.role === 'voice-playable')!;
      expect(original.path).not.toMatch(/\.wav$/);
      expect(playable).toMatchObject({
        mime: 'audio/wav',
        path: expect.stringMatching(/^data\/media\/\d+-voice\.wav$/),
      });
      const format = readWavFormat(new Uint8Array(readFileSync(join(bag, playable.path!))));
      expect(format).toMatchObject({ channels: 1, bitsPerSample: 16 });
      expect(format!.sampleRate === 24000 || format!.sampleRate === 8000).toBe(true);
      expect(format!.dataBytes).toBeGreaterThan(0);
      expect(manifest).toContain(`  ${playable.path}\n`);
      expect(manifest).toContain(`  ${original.path}\n`);
      expect(transcript).toContain(
        `<audio controls preload="none" src="${playable.path!.replace(/^data\//, '')}"></audio>`,
      );
    }
    await v.service.dispose();
  });
});
