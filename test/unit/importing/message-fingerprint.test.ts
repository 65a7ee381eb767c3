import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { messageFingerprint, type FingerprintInput } from '../../../electron/core/importing/message-fingerprint';

const base: FingerprintInput = {
  conversation: '34567890123@chatroom',
  sender: 'wxid_m3mb3r4hua03',
  time: 1710072930,
  kind: 'text',
  text: '周六见 ⛰️',
};

describe('the message fingerprint (dedupe key for messages without a server id)', () => {
  it('is the SHA-256 hex of the canonical JSON array [conversation, sender, time, kind, text]', () => {
    const expected = createHash('sha256')
      .update(JSON.stringify(['34567890123@chatroom', 'wxid_m3mb3r4hua03', 1710072930, 'text', '周六见 ⛰️']), 'utf8')
      .digest('hex');
    expect(messageFingerprint(base)).toBe(expected);
    expect(messageFingerprint(base)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('is the same for the same message, whichever export it came from', () => {
    expect(messageFingerprint({ ...base })).toBe(messageFingerprint(base));
  });

  it('changes when any one of the five fields changes', () => {
    const fingerprints = new Set([
      messageFingerprint(base),
      messageFingerprint({ ...base, conversation: 'wxid_p33r8m1ng02' }),
      messageFingerprint({ ...base, sender: 'wxid_m3mb3rw4ng04' }),
      messageFingerprint({ ...base, sender: null }),
      messageFingerprint({ ...base, time: base.time + 1 }),
      messageFingerprint({ ...base, kind: 'system' }),
      messageFingerprint({ ...base, text: '周日见 ⛰️' }),
    ]);
    expect(fingerprints.size).toBe(7);
  });

  it('normalizes the text to NFC, so composed and decomposed accents match', () => {
    expect(messageFingerprint({ ...base, text: 'Cafe\u0301 ☕' })).toBe(
      messageFingerprint({ ...base, text: 'Café ☕' }),
    );
  });

  it('ignores trailing whitespace (exporters differ), but not leading whitespace or inner line breaks', () => {
    expect(messageFingerprint({ ...base, text: '周六见 ⛰️  \r\n\t\u3000' })).toBe(messageFingerprint(base));
    expect(messageFingerprint({ ...base, text: ` ${base.text}` })).not.toBe(messageFingerprint(base));
    expect(messageFingerprint({ ...base, text: 'ok:\n好的' })).not.toBe(
      messageFingerprint({ ...base, text: 'ok: 好的' }),
    );
  });

  it('cannot be fooled by moving characters between fields, since the fields are JSON-quoted', () => {
    const a = messageFingerprint({ ...base, conversation: 'a","b', sender: 'c' });
    const b = messageFingerprint({ ...base, conversation: 'a', sender: 'b","c' });
    expect(a).not.toBe(b);
  });
});
