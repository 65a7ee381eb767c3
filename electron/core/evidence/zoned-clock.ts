import { wallDate, wallTime, zoneOffsetMs, type WallClock } from '../../common/zoned-time';

import type { LocalTime } from './export-message';

const DAY_MS = 86_400_000;

/** Formats UTC seconds as wall-clock times in one IANA zone (the export's), with the offset that applied then. */
export class ZonedClock {
  private readonly day: Intl.DateTimeFormat;
  /** Day labels by local date: formatting one costs more than the rest of a message's times together. */
  private readonly dayLabels = new Map<string, string>();
  private readonly dayOffsets = new Map<number, number | null>();

  constructor(readonly timeZone: string) {
    this.day = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      year: 'numeric',
    });
  }

  local(seconds: number): LocalTime {
    const ms = seconds * 1000;
    const offsetMs = this.offsetAt(ms);
    const whole = Math.floor(ms / 1000) * 1000;
    const wall = wallClockWith(whole, this.offsetAt(whole));
    const date = wallDate(wall);
    const time = wallTime(wall);
    let dayLabel = this.dayLabels.get(date);
    if (dayLabel === undefined) {
      dayLabel = this.day.format(ms);
      this.dayLabels.set(date, dayLabel);
    }
    return { date, time, iso: `${date}T${time}${formatOffset(offsetMs / 60_000)}`, dayLabel };
  }

  /**
   * The zone's offset, cached per UTC day whose two ends agree (no zone changes its offset and back within a day).
   * zoneOffsetMs caches 15-minute blocks, which a search's results, hours apart, miss nearly every time: each miss
   * asks Intl twice, which cost more than the rest of writing the message.
   */
  private offsetAt(ms: number): number {
    const day = Math.floor(ms / DAY_MS);
    let offset = this.dayOffsets.get(day);
    if (offset === undefined) {
      const start = zoneOffsetMs(this.timeZone, day * DAY_MS);
      offset = start === zoneOffsetMs(this.timeZone, (day + 1) * DAY_MS - 1000) ? start : null;
      this.dayOffsets.set(day, offset);
    }
    return offset ?? zoneOffsetMs(this.timeZone, ms);
  }

  /** `UTC+08:00` at a moment: what the transcript's header says the times are in. */
  offsetLabel(seconds: number): string {
    const offset = this.local(seconds).iso.slice(19);
    return offset === 'Z' ? 'UTC' : `UTC${offset}`;
  }
}

function formatOffset(minutes: number): string {
  if (minutes === 0) return 'Z';
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/** The wall clock at a whole second, given the offset then (as wallClockAt in zoned-time.ts reads it). */
function wallClockWith(wholeMs: number, offsetMs: number): WallClock {
  // The wall clock as if it were UTC: its UTC fields are the local ones.
  const wall = new Date(wholeMs + offsetMs);
  return {
    year: wall.getUTCFullYear(),
    month: wall.getUTCMonth() + 1,
    day: wall.getUTCDate(),
    hour: wall.getUTCHours(),
    minute: wall.getUTCMinutes(),
    second: wall.getUTCSeconds(),
  };
}
