/**
 * Time-zone math, one copy for the renderer and the core: a zone's offset at an instant, UTC → the wall clock in a
 * zone, and the wall clock in a zone → UTC. Intl only (its IANA data), so it runs the same in Node and Chromium.
 * Search dates, stats months, export times, the local times in other tools' exports and the renderer's days all go
 * through here.
 */

/** A reading of a wall clock: month 1–12, day 1–31, hour 0–23. */
export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const DAY_MS = 86_400_000;

/**
 * The zone as Intl names it (its canonical spelling); throws Intl's RangeError for a name Intl does not know, for
 * callers that want to say why.
 */
export function timeZoneName(timeZone: string): string {
  return formatterFor(timeZone).resolvedOptions().timeZone;
}

/** The zone as Intl names it, or null when Intl does not know it. */
export function canonicalTimeZone(timeZone: string): string | null {
  try {
    return timeZoneName(timeZone);
  } catch {
    return null;
  }
}

/** The host's IANA zone (the user's own, in the app and the CLI); "UTC" when the runtime does not say. */
export function hostTimeZone(): string {
  return canonicalTimeZone(Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC') ?? 'UTC';
}

/**
 * Offsets are cached per UTC day, and per 15-minute block inside a day that holds a clock change: asking Intl costs
 * tens of microseconds, and imports, stats and exports ask for millions of instants, some clustered in time (an
 * import), some hours apart (a search's results). A span whose two ends agree holds no change, because no zone
 * changes its offset twice within two days (see wallClockToUtcMs); a block whose ends disagree holds the change and
 * is always asked directly.
 */
const BLOCK_MS = 15 * 60_000;
const MAX_CACHED_SPANS = 100_000;
const offsetCache = new Map<string, number | null>();
const formatters = new Map<string, Intl.DateTimeFormat>();

/** How far the zone's wall clock is ahead of UTC at an instant, in ms (positive east of Greenwich). */
export function zoneOffsetMs(timeZone: string, utcMs: number): number {
  const ofDay = steadyOffset(timeZone, DAY_MS, utcMs);
  if (ofDay !== null) return ofDay;
  return steadyOffset(timeZone, BLOCK_MS, utcMs) ?? uncachedOffsetMs(timeZone, utcMs);
}

/** The offset throughout the span of `spanMs` holding `utcMs`, or null when the offset changes within it. */
function steadyOffset(timeZone: string, spanMs: number, utcMs: number): number | null {
  const span = Math.floor(utcMs / spanMs);
  const key = `${timeZone}\u0000${spanMs}\u0000${span}`;
  let cached = offsetCache.get(key);
  if (cached === undefined) {
    const atStart = uncachedOffsetMs(timeZone, span * spanMs);
    cached = atStart === uncachedOffsetMs(timeZone, (span + 1) * spanMs - 1000) ? atStart : null;
    if (offsetCache.size >= MAX_CACHED_SPANS) offsetCache.clear();
    offsetCache.set(key, cached);
  }
  return cached;
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

/** The wall clock in `timeZone` at an instant (to the second, rounded down). */
export function wallClockAt(utcMs: number, timeZone: string): WallClock {
  const whole = Math.floor(utcMs / 1000) * 1000;
  // The wall clock as if it were UTC: its UTC fields are the local ones.
  const wall = new Date(whole + zoneOffsetMs(timeZone, whole));
  return {
    year: wall.getUTCFullYear(),
    month: wall.getUTCMonth() + 1,
    day: wall.getUTCDate(),
    hour: wall.getUTCHours(),
    minute: wall.getUTCMinutes(),
    second: wall.getUTCSeconds(),
  };
}

/**
 * A wall-clock reading in `timeZone` → UTC ms. Around DST changes it does what Temporal's "compatible"
 * disambiguation does: a time that occurs twice (clocks go back) is the earlier instant; a time that never occurs
 * (clocks go forward) is read with the offset before the change, which lands the same distance after it. Fields
 * out of range roll over as in Date.UTC, which also reads years 0–99 as 1900–1999: callers refuse those first.
 */
export function wallClockToUtcMs(wall: WallClock, timeZone: string): number {
  const wallMs = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  // Real zones change offset at most once in any two days, so the offsets a day either side are the only candidates.
  const before = zoneOffsetMs(timeZone, wallMs - DAY_MS);
  const after = zoneOffsetMs(timeZone, wallMs + DAY_MS);
  const candidates = [wallMs - before, wallMs - after].filter((utc) => utc + zoneOffsetMs(timeZone, utc) === wallMs);
  return candidates.length > 0 ? Math.min(...candidates) : wallMs - before;
}

/**
 * UTC seconds of the first moment of a calendar day in a zone: its midnight, or, where a clock change skips
 * midnight, the first wall-clock time that exists that day.
 */
export function startOfDay(year: number, month: number, day: number, timeZone: string): number {
  const wall = Date.UTC(year, month - 1, day);
  // The offset at the guess may differ from the one at the answer across a clock change: try both, and keep the
  // earliest instant whose wall-clock date is the day asked for.
  const first = wall - zoneOffsetMs(timeZone, wall);
  const second = wall - zoneOffsetMs(timeZone, first);
  const isThatDay = (ms: number) => new Date(ms + zoneOffsetMs(timeZone, ms)).getUTCDate() === day;
  const candidates = [first, second].filter(isThatDay);
  return Math.floor((candidates.length ? Math.min(...candidates) : Math.max(first, second)) / 1000);
}

/** "YYYY-MM-DD" of a wall-clock reading. */
export function wallDate(wall: WallClock): string {
  return `${String(wall.year).padStart(4, '0')}-${pad2(wall.month)}-${pad2(wall.day)}`;
}

/** "HH:MM:SS" of a wall-clock reading. */
export function wallTime(wall: WallClock): string {
  return `${pad2(wall.hour)}:${pad2(wall.minute)}:${pad2(wall.second)}`;
}

function pad2(value: number): string {
  return String(value).padStart(2, '0');
}
