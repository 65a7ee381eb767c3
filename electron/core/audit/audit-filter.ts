import type { RecordWriter } from '../../common/record-language';
import { LocketError } from '../errors';

/** Which entries a readable export holds: some actions (none listed: all) and days in the export's zone. */
export interface AuditFilter {
  actions: string[];
  /** First and last day, `YYYY-MM-DD` on the export zone's wall clock, both included; null: open. */
  from: string | null;
  to: string | null;
}

const DAY = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const ACTION = /^[a-z][a-z0-9-]{0,39}$/;

function day(value: unknown, name: string): string | null {
  if (value === undefined || value === null || value === '') return null;
  if (typeof value !== 'string' || !DAY.test(value))
    throw new LocketError('invalid-argument', `The audit filter's ${name} day is a date written YYYY-MM-DD.`);
  return value;
}

/** A filter from a request (the app's Audit tab or the CLI's options), checked: it is all the request may name. */
export function parseAuditFilter(value: unknown): AuditFilter {
  if (value === undefined || value === null) return { actions: [], from: null, to: null };
  if (typeof value !== 'object' || Array.isArray(value))
    throw new LocketError('invalid-argument', 'The audit filter names actions and days.');
  const { actions, from, to } = value as Record<string, unknown>;
  if (actions !== undefined && actions !== null) {
    if (
      !Array.isArray(actions) ||
      actions.length > 50 ||
      !actions.every((a) => typeof a === 'string' && ACTION.test(a))
    )
      throw new LocketError('invalid-argument', 'The audit filter lists actions by their names (such as hold-placed).');
  }
  const filter = {
    actions: [...new Set((actions as string[] | null | undefined) ?? [])],
    from: day(from, 'first'),
    to: day(to, 'last'),
  };
  if (filter.from && filter.to && filter.from > filter.to)
    throw new LocketError(
      'invalid-argument',
      `The audit filter's first day (${filter.from}) is after its last (${filter.to}).`,
    );
  return filter;
}

/** The entries the filter keeps, in the log's order; days are compared on the writer's zone, as the app shows them. */
export function filterAudit<E extends { action: string; time: number }>(
  entries: readonly E[],
  filter: AuditFilter,
  w: RecordWriter,
): E[] {
  return entries.filter((e) => {
    if (filter.actions.length && !filter.actions.includes(e.action)) return false;
    if (!filter.from && !filter.to) return true;
    const date = w.date(e.time);
    return (!filter.from || date >= filter.from) && (!filter.to || date <= filter.to);
  });
}
