import { describe, expect, it } from 'vitest';
import { KIND_NAMES, kindMessages } from '../../../electron/common/kind-names';
import { MESSAGE_KINDS } from '../../../electron/common/message-kinds';
import { RECORD_LANGUAGES } from '../../../electron/common/record-language';
import { evidenceText } from '../../../electron/core/evidence/evidence-text';

/** The one table of kind names (electron/common/kind-names.ts): the app's `kind.*` messages and the bags read it. */
describe('kind names', () => {
  it('name every kind, and "message", in both languages, each name its own', () => {
    for (const lang of RECORD_LANGUAGES) {
      const names = [...MESSAGE_KINDS, 'message' as const].map((kind) => KIND_NAMES[lang][kind]);
      for (const name of names) expect(name?.trim(), lang).toBeTruthy();
      expect(new Set(names).size, lang).toBe(names.length);
    }
  });

  it('leave no English word in the Chinese names', () => {
    expect(Object.values(KIND_NAMES['zh-CN']).filter((name) => /[A-Za-z]/.test(name))).toEqual([]);
  });

  it('are what the app and the bags both show', () => {
    expect(kindMessages('zh-CN')['kind.image']).toBe('图片');
    expect(kindMessages('en')['kind.red-packet']).toBe('Red packet');
    expect(Object.keys(kindMessages('en'))).toHaveLength(MESSAGE_KINDS.length + 1);
    expect(evidenceText('zh-CN').kinds).toBe(KIND_NAMES['zh-CN']);
    expect(evidenceText('en').kinds).toBe(KIND_NAMES.en);
  });
});
