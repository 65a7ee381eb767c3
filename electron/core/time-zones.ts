import { LocketError } from './errors';

/**
 * Time zones, one place for the whole core: what the host's zone is, whether a zone name is real, and a zone's
 * offset at an instant. Search dates, stats months, export times and the local times in other tools' exports all
 * go through here.
 */

/** The host's IANA zone (in the app's worker and the CLI, the user's own); "UTC" when the runtime does not say. */
export function hostTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** The zone as Intl names it; a name Intl does not know is refused with a sentence for the person who sent it. */
export function checkTimeZone(timeZone: string): string {
  try {
    return formatterFor(timeZone).resolvedOptions().timeZone;
  } catch (error) {
    throw new LocketError(
      'invalid-argument',
      `"${timeZone}" is not a time zone Locket knows; use an IANA name such as Asia/Shanghai.`,
      { timeZone },
      { cause: error },
    );
  }
}

/**
 * Offsets are cached per 15-minute block of UTC time: asking Intl costs tens of microseconds, and imports and
 * stats ask for millions of instants clustered in time. A block whose two ends disagree holds a change and is
 * always asked directly; no zone changes its offset twice within 15 minutes.
 */
const BLOCK_MS = 15 * 60_000;
const MAX_CACHED_BLOCKS = 100_000;
const offsetCache = new Map<string, number | null>();
const formatters = new Map<string, Intl.DateTimeFormat>();

/** How far the zone's wall clock is ahead of UTC at an instant, in ms (positive east of Greenwich). */
export function zoneOffsetMs(timeZone: string, utcMs: number): number {
  const block = Math.floor(utcMs / BLOCK_MS);
  const key = `${timeZone}\u0000${block}`;
  let cached = offsetCache.get(key);
  if (cached === undefined) {
    const atStart = uncachedOffsetMs(timeZone, block * BLOCK_MS);
    cached = atStart === uncachedOffsetMs(timeZone, (block + 1) * BLOCK_MS - 1000) ? atStart : null;
    if (offsetCache.size >= MAX_CACHED_BLOCKS) offsetCache.clear();
    offsetCache.set(key, cached);
  }
  return cached ?? uncachedOffsetMs(timeZone, utcMs);
}

function uncachedOffsetMs(timeZone: string, utcMs: number): number {
  const fields: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(utcMs))) {
    if (part.type !== 'literal') fields[part.type] = Number(part.value);
  }
  const wall = Date.UTC(
    fields.year ?? 1970,
    (fields.month ?? 1) - 1,
    fields.day ?? 1,
    fields.hour ?? 0,
    fields.minute ?? 0,
    fields.second ?? 0,
  );
  return wall - Math.floor(utcMs / 1000) * 1000;
}

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}
