import { describe, expect, it } from 'vitest';
import { errorText } from './error-text';
import { createTranslator } from './translate';

describe('error text', () => {
  const en = createTranslator('en');
  const zh = createTranslator('zh-CN');

  it('turns a wrong passphrase into a friendly sentence, in the person’s language, with no detail', () => {
    const error = { code: 'wrong-passphrase', message: 'That passphrase does not open this vault.' } as const;
    expect(errorText(en, error)).toEqual({ message: expect.stringContaining('Check Caps Lock'), detail: null });
    expect(errorText(zh, error).message).toContain('密码不正确');
  });

  it('keeps the core’s own sentence as detail when it names what went wrong', () => {
    const error = {
      code: 'source-encrypted',
      message: 'MSG0.db is encrypted by WeChat; export it with PyWxDump first.',
    } as const;
    expect(errorText(zh, error)).toEqual({ message: expect.stringContaining('微信加密'), detail: error.message });
  });

  it('shows the core’s sentence for a code the tables do not know yet, never a blank or a stack', () => {
    const error = { code: 'brand-new-code', message: 'Something specific happened.' };
    expect(errorText(en, error as never)).toEqual({ message: 'Something specific happened.', detail: null });
    expect(errorText(en, { code: 'brand-new-code', message: '' } as never).message).toBe(en.t('error.internal'));
  });
});
