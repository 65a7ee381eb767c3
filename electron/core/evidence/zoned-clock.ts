import { wallClockAt, wallDate, wallTime, zoneOffsetMs, type WallClock } from '../../common/zoned-time';
import type { ExportLanguage } from '../../ipc/contract';
import { evidenceText, type EvidenceText } from './evidence-text';
import type { LocalTime } from './export-message';

/** Formats UTC seconds as wall-clock times in one IANA zone (the export's), with the offset that applied then. */
export class ZonedClock {
  private readonly text: EvidenceText;
  /** Day labels by local date, in the export's language. */
  private readonly dayLabels = new Map<string, string>();

  constructor(
    readonly timeZone: string,
    lang: ExportLanguage = 'en',
  ) {
    this.text = evidenceText(lang);
  }

  local(seconds: number): LocalTime {
    const ms = seconds * 1000;
    const offsetMs = zoneOffsetMs(this.timeZone, ms);
    const wall = wallClockAt(ms, this.timeZone);
    const date = wallDate(wall);
    const time = wallTime(wall);
    let dayLabel = this.dayLabels.get(date);
    if (dayLabel === undefined) {
      dayLabel = dayLabelOf(wall, this.text);
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

/** A wall date as the language writes a day; the weekday follows from the wall date itself, in any zone. */
function dayLabelOf(wall: WallClock, text: EvidenceText): string {
  // setUTCFullYear, not Date.UTC: that one reads years 0-99 as 1900-1999.
  const weekday = new Date(new Date(0).setUTCFullYear(wall.year, wall.month - 1, wall.day)).getUTCDay();
  return text.day(wall.year, wall.month, wall.day, weekday);
}

function formatOffset(minutes: number): string {
  if (minutes === 0) return 'Z';
  const sign = minutes < 0 ? '-' : '+';
  const abs = Math.abs(minutes);
  return `${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}
