import { hostTimeZone, wallClockToUtcMs } from '../../../common/zoned-time';
import { checkTimeZone } from '../../time-zones';

/**
 * Local wall-clock times without a zone, as PyWxDump (`CreateTime`) and MemoTrace (TXT headers, CSV `StrTime`)
 * write them (docs/wechat-formats.md §8.2, §8.3): both render UTC epoch seconds with the exporting machine's zone, and
 * the zone is not in the file. Readers take it as an option; the default is this machine's zone, which is right
 * when the export was made on the computer that imports it.
 */

/**
 * `YYYY-MM-DD HH:MM:SS` as the exporters write it, and the forms a spreadsheet writes back when the file was opened
 * and saved in one (Excel, WPS, Numbers): `/` as the date separator, no zero padding, no seconds
 * (`2024/10/4 11:42`, `2024-10-04 11:42`, `2024/10/04 11:42:05`). The separators must agree.
 */
const LOCAL_DATE_TIME = /^(\d{4})([-/])(\d{1,2})\2(\d{1,2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?$/;

/** The zone to use: the option when given (checked), else this machine's. */
export function resolveTimeZone(timeZone: string | undefined): string {
  return timeZone === undefined ? hostTimeZone() : checkTimeZone(timeZone);
}

/**
 * A local date and time (`LOCAL_DATE_TIME`) in `timeZone` → UTC seconds; null when the text is not such a time or names no real date.
 * Around DST changes a time that occurs twice is the earlier instant and a time that never occurs lands as far
 * after the change (wallClockToUtcMs).
 */
export function localTimeToUtcSeconds(text: string, timeZone: string): number | null {
  const match = LOCAL_DATE_TIME.exec(text.trim());
  if (!match) return null;
  const [year, month, day, hour, minute, second] = [
    match[1],
    match[3],
    match[4],
    match[5],
    match[6],
    match[7] ?? '0',
  ].map(Number) as [number, number, number, number, number, number];
  // Date.UTC reads years 0-99 as 1900-1999; such a year is no real export time.
  if (year < 1000 || month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) return null;
  // Date.UTC rolls 02-30 over into March; a date that does not round-trip does not exist.
  if (new Date(Date.UTC(year, month - 1, day)).getUTCDate() !== day) return null;
  return wallClockToUtcMs({ year, month, day, hour, minute, second }, timeZone) / 1000;
}
