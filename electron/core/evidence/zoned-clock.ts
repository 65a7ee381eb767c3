import { wallClockAt, wallDate, wallTime, zoneOffsetMs } from '../../common/zoned-time';

import type { LocalTime } from './export-message';

/** Formats UTC seconds as wall-clock times in one IANA zone (the export's), with the offset that applied then. */
export class ZonedClock {
  private readonly day: Intl.DateTimeFormat;
  /** Day labels by local date: formatting one costs more than the rest of a message's times together. */
  private readonly dayLabels = new Map<string, string>();

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
    const offsetMs = zoneOffsetMs(this.timeZone, ms);
    const wall = wallClockAt(ms, this.timeZone);
    const date = wallDate(wall);
    const time = wallTime(wall);
    let dayLabel = this.dayLabels.get(date);
    if (dayLabel === undefined) {
      dayLabel = this.day.format(ms);
      this.dayLabels.set(date, dayLabel);
    }
    return { date, time, iso: `${date}T${time}${formatOffset(offsetMs / 60_000)}`, dayLabel };
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
