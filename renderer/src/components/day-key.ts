/**
 * A day as people type it, read into the "YYYY-MM-DD" key the app's date fields hold: "2024-03-01", "2024/3/1",
 * "2024.3.1", "2024年3月1日". Null when it is not a real calendar day (2024-02-30) or not a date at all.
 */
export function parseDayKey(text: string): string | null {
  const match = /^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?\s*$/u.exec(text);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}
