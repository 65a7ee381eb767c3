export type KeepUnit = 'days' | 'months' | 'years';

/**
 * When something made at `time` (UTC seconds) expires under a keep period, or null for "forever".
 * Months and years are calendar periods in UTC (Jan 31 + 1 month = Feb 28/29, clamped), as people count them.
 */
export function expiresAt(time: number, amount: number | null, unit: KeepUnit | null): number | null {
  if (amount === null || unit === null) return null;
  if (unit === 'days') return time + amount * 86_400;
  const d = new Date(time * 1000);
  const months = unit === 'months' ? amount : amount * 12;
  const targetMonth = d.getUTCMonth() + months;
  const year = d.getUTCFullYear() + Math.floor(targetMonth / 12);
  const month = ((targetMonth % 12) + 12) % 12;
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const day = Math.min(d.getUTCDate(), lastDay);
  return Date.UTC(year, month, day, d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds()) / 1000;
}

export function describeKeep(amount: number | null, unit: KeepUnit | null): string {
  if (amount === null || unit === null) return 'forever';
  return `${amount} ${amount === 1 ? unit.slice(0, -1) : unit}`;
}

/** Parses "30d", "6m", "7y" or "forever". */
export function parseKeep(text: string): { amount: number | null; unit: KeepUnit | null } | null {
  if (text.trim().toLowerCase() === 'forever') return { amount: null, unit: null };
  const m = /^\s*(\d{1,4})\s*(d|days?|m|months?|y|years?)\s*$/i.exec(text);
  if (!m) return null;
  const amount = Number(m[1]);
  if (amount < 1) return null;
  const u = m[2]!.toLowerCase()[0];
  return { amount, unit: u === 'd' ? 'days' : u === 'm' ? 'months' : 'years' };
}
