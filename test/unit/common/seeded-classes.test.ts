import { describe, expect, it } from 'vitest';
import { SEEDED_CLASSES, seededClassMessages, seededClassName } from '../../../electron/common/seeded-classes';
import { migrate } from '../../../electron/core/db/migrate';
import { catalogMigrations } from '../../../electron/core/db/migrations';
import { all, loadSqlJs } from '../../../electron/core/db/sqlite';

describe('the seeded retention classes in each language', () => {
  it('names exactly the classes a new vault stores, with the words it stores', async () => {
    const SQL = await loadSqlJs();
    const db = new SQL.Database();
    migrate(db, catalogMigrations, 'catalog');
    const stored = all<{ name: string; description: string }>(db, 'SELECT name, description FROM retention_classes');
    expect(stored.map((c) => c.name).sort()).toEqual(Object.keys(SEEDED_CLASSES).sort());
    for (const c of stored) expect(SEEDED_CLASSES[c.name]!.en).toEqual({ name: c.name, description: c.description });
  });

  it('reads a seeded class in the reader’s language and any other class as stored', () => {
    expect(seededClassName('Transient', 'zh-CN')).toBe('临时');
    expect(seededClassName('Transient', 'en')).toBe('Transient');
    expect(seededClassName('Matter 17 retention', 'zh-CN')).toBe('Matter 17 retention');
  });

  it('gives the app a name and a description of every seeded class in both languages', () => {
    for (const lang of ['en', 'zh-CN'] as const) {
      const messages = seededClassMessages(lang);
      expect(Object.keys(messages)).toHaveLength(Object.keys(SEEDED_CLASSES).length * 2);
      for (const text of Object.values(messages)) expect(text.trim()).not.toBe('');
    }
    expect(seededClassMessages('zh-CN')['retention.seeded.business.name']).toBe('业务记录');
  });
});
