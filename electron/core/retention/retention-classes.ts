import type { Database } from 'sql.js';
import type { KeepUnit, RetentionClass } from '../../ipc/contract';
import { LocketError } from '../errors';
import { all, one, run, type ReadOnlyDatabase } from '../db/sqlite';

const COLOR = /^#[0-9a-f]{6}$/i;
const MAX_KEEP: Record<KeepUnit, number> = { days: 36_500, months: 1_200, years: 100 };

export function defaultClassId(db: ReadOnlyDatabase): number {
  const row = one<{ value: string }>(db, "SELECT value FROM settings WHERE key = 'defaultRetentionClassId'");
  return row
    ? Number(JSON.parse(row.value))
    : Number(one<{ id: number }>(db, 'SELECT min(id) AS id FROM retention_classes')!.id);
}

export function listClasses(db: ReadOnlyDatabase): RetentionClass[] {
  const fallback = defaultClassId(db);
  return all<{
    id: number;
    name: string;
    keep_amount: number | null;
    keep_unit: KeepUnit | null;
    color: string;
    description: string;
  }>(db, 'SELECT id, name, keep_amount, keep_unit, color, description FROM retention_classes ORDER BY id').map((r) => ({
    id: r.id,
    name: r.name,
    keepAmount: r.keep_amount,
    keepUnit: r.keep_unit,
    color: r.color,
    description: r.description,
    isDefault: r.id === fallback,
  }));
}

export function requireClass(db: Database, id: number): RetentionClass {
  const found = listClasses(db).find((c) => c.id === id);
  if (!found) throw new LocketError('invalid-argument', `There is no retention class ${id}.`);
  return found;
}

export interface ClassInput {
  id?: number;
  name: string;
  keepAmount: number | null;
  keepUnit: KeepUnit | null;
  color: string;
  description?: string;
}

/** Creates or edits a class after checking every field; returns the saved class. */
export function saveClass(db: Database, input: ClassInput): RetentionClass {
  const name = typeof input.name === 'string' ? input.name.trim() : '';
  if (!name || name.length > 80)
    throw new LocketError('invalid-argument', 'A retention class needs a name of 1 to 80 characters.');
  const isForever = input.keepAmount === null && input.keepUnit === null;
  if (!isForever) {
    const unit = input.keepUnit;
    if (
      !unit ||
      !(unit in MAX_KEEP) ||
      !Number.isInteger(input.keepAmount) ||
      (input.keepAmount ?? 0) < 1 ||
      (input.keepAmount ?? 0) > MAX_KEEP[unit]
    ) {
      throw new LocketError(
        'invalid-argument',
        'A keep period is a whole number of days, months or years (or forever).',
      );
    }
  }
  if (input.id !== undefined && !Number.isSafeInteger(input.id))
    throw new LocketError('invalid-argument', 'A class to change is chosen by its id.');
  if (input.description !== undefined && input.description !== null && typeof input.description !== 'string')
    throw new LocketError('invalid-argument', 'A class description is text.');
  if (!COLOR.test(input.color)) throw new LocketError('invalid-argument', 'A class color is written like #2563eb.');
  const clash = one<{ id: number }>(db, 'SELECT id FROM retention_classes WHERE name = ? AND id IS NOT ?', [
    name,
    input.id ?? null,
  ]);
  if (clash) throw new LocketError('invalid-argument', `There is already a class named "${name}".`);
  const values = [name, input.keepAmount, input.keepUnit, input.color, input.description?.trim() ?? ''];
  if (input.id !== undefined) {
    requireClass(db, input.id);
    run(
      db,
      'UPDATE retention_classes SET name = ?, keep_amount = ?, keep_unit = ?, color = ?, description = ? WHERE id = ?',
      [...values, input.id],
    );
    return requireClass(db, input.id);
  }
  run(
    db,
    'INSERT INTO retention_classes (name, keep_amount, keep_unit, color, description) VALUES (?, ?, ?, ?, ?)',
    values,
  );
  return requireClass(db, Number(one<{ id: number }>(db, 'SELECT last_insert_rowid() AS id')!.id));
}
