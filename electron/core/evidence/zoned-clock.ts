import type { LocalTime } from './export-message';

/** Formats UTC seconds as wall-clock times in one IANA zone (the export's), with the offset that applied then. */
export class ZonedClock {
  private readonly parts: Intl.DateTimeFormat;
  private readonly day: Intl.DateTimeFormat;

  constructor(readonly timeZone: string) {
    this.parts = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    this.day = new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
  }

  local(seconds: number): LocalTime {
    const ms = seconds * 1000;
    const parts = this.parts.formatToParts(ms);
    const value = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '00';
    const [year, month, day, hour, minute, second] = (['year', 'month', 'day', 'hour', 'minute', 'second'] as const).map(value) as [string, string, string, string, string, string];
    const wall = Date.UTC(Number(year), Number(month) - 1, Number(day), Number(hour), Number(minute), Number(second));
    const date = `${year}-${month}-${day}`;
    const time = `${hour}:${minute}:${second}`;
    return { date, time, iso: `${date}T${time}${formatOffset((wall - Math.floor(ms / 1000) * 1000) / 60_000)}`, dayLabel: this.day.format(ms) };
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
