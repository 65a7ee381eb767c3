import { LocketError } from '../../errors';

/**
 * Local wall-clock times without a zone, as PyWxDump (`CreateTime`) and MemoTrace (TXT headers, CSV `StrTime`)
 * write them (WECHAT-FORMATS.md §8.2, §8.3): both render UTC epoch seconds with the exporting machine's zone, and
 * the zone is not in the file. Readers take it as an option; the default is this machine's zone, which is right
 * when the export was made on the computer that imports it.
 */

const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/;
const DAY_MS = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

/** The machine's IANA zone (e.g. "Asia/Shanghai"); "UTC" when the runtime does not say. */
export function machineTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}

/** The zone to use: the option when given (checked), else the machine's. */
export function resolveTimeZone(timeZone: string | undefined): string {
  if (timeZone === undefined) return machineTimeZone();
  try {
    formatterFor(timeZone);
  } catch (error) {
    throw new LocketError('invalid-argument', `"${timeZone}" is not a time zone Locket knows. Use an IANA name such as Asia/Shanghai.`, { timeZone }, { cause: error });
  }
  return timeZone;
}

/**
 * `YYYY-MM-DD HH:MM:SS` in `timeZone` → UTC seconds; null when the text is not such a time or names no real date.
 * Around DST changes it does what Temporal's "compatible" disambiguation does: a time that occurs twice (clocks
 * go back) is the earlier instant; a time that never occurs (clocks go forward) is read with the offset before
 * the change, which lands the same distance after it.
 */
export function localTimeToUtcSeconds(text: string, timeZone: string): number | null {
  const match = LOCAL_DATE_TIME.exec(text.trim());
  if (!match) return null;
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as [number, number, number, number, number, number];
  if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) return null;
  const wallMs = Date.UTC(year, month - 1, day, hour, minute, second);
  // Date.UTC rolls 02-30 over into March; a date that does not round-trip does not exist.
  if (new Date(wallMs).getUTCDate() !== day) return null;

  // Real zones change offset at most once in any two days, so the offsets a day either side are the only candidates.
  const before = offsetMs(timeZone, wallMs - DAY_MS);
  const after = offsetMs(timeZone, wallMs + DAY_MS);
  const candidates = [wallMs - before, wallMs - after].filter((utc) => utc + offsetMs(timeZone, utc) === wallMs);
  const utcMs = candidates.length > 0 ? Math.min(...candidates) : wallMs - before;
  return utcMs / 1000;
}

/**
 * Offsets are cached per 15-minute block of UTC time: asking Intl costs tens of microseconds, and an export has
 * millions of rows clustered in time. A block whose two ends disagree holds a change and is always asked directly;
 * no zone changes its offset twice within 15 minutes.
 */
const BLOCK_MS = 15 * 60_000;
const MAX_CACHED_BLOCKS = 100_000;
const offsetCache = new Map<string, number | null>();

/** The zone's offset from UTC at an instant, in ms (positive east of Greenwich). */
function offsetMs(timeZone: string, utcMs: number): number {
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
  const wall = Date.UTC(fields.year ?? 1970, (fields.month ?? 1) - 1, fields.day ?? 1, fields.hour ?? 0, fields.minute ?? 0, fields.second ?? 0);
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
