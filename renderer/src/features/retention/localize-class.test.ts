import { describe, expect, it } from 'vitest';
import type { RetentionClass } from '../../../../electron/ipc/contract';
import { createTranslator } from '../../i18n/translate';
import { localizeClass } from './useClasses';

const seeded: RetentionClass = {
  id: 2,
  name: 'Business records',
  keepAmount: 7,
  keepUnit: 'years',
  color: '#2563eb',
  description: 'Business correspondence kept for seven years.',
  isDefault: false,
};

describe('the classes a vault starts with', () => {
  it('are shown in the person’s language, with their own description', () => {
    expect(localizeClass(createTranslator('zh-CN'), seeded)).toMatchObject({
      id: 2,
      name: '业务记录',
      description: '业务往来消息保留七年。',
      keepAmount: 7,
    });
    expect(localizeClass(createTranslator('en'), seeded)).toMatchObject({
      name: 'Business records',
      description: 'Business correspondence kept for seven years.',
    });
  });

  it('keep what the person wrote: a renamed class, or an edited description', () => {
    const renamed = { ...seeded, name: '合同往来' };
    expect(localizeClass(createTranslator('zh-CN'), renamed)).toBe(renamed);
    expect(localizeClass(createTranslator('zh-CN'), { ...seeded, description: '按公司制度保留' })).toMatchObject({
      name: '业务记录',
      description: '按公司制度保留',
    });
  });
});
