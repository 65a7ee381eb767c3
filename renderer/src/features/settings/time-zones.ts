import { zoneLabel } from '../../../../electron/common/time-zone-names';

/** Every IANA zone this browser knows, in its own order (alphabetical); UTC when the list is unavailable. */
export function supportedTimeZones(): readonly string[] {
  try {
    const zones = Intl.supportedValuesOf('timeZone');
    // Chromium lists only canonical zones and leaves UTC out; people look for it by name.
    return zones.includes('UTC') ? zones : ['UTC', ...zones];
  } catch {
    return ['UTC'];
  }
}

/** The zone's offset from UTC now, as the locale writes it ("GMT+8"). */
export function zoneOffset(zone: string, locale: string, nowMs: number): string {
  try {
    const parts = new Intl.DateTimeFormat(locale, { timeZone: zone, timeZoneName: 'shortOffset' }).formatToParts(nowMs);
    return parts.find((p) => p.type === 'timeZoneName')?.value ?? '';
  } catch {
    return '';
  }
}

/**
 * Zones whose names hold every word typed, in any case, with spaces and underscores alike ("new york", "shang").
 * The chosen zone stays in the list whatever the filter, so the select always shows what is chosen.
 */
export function filterTimeZones(
  zones: readonly string[],
  filter: string,
  chosen: string | null,
  nameOf: (zone: string) => string = zoneLabel,
): string[] {
  const words = filter
    .toLowerCase()
    .replace(/_/g, ' ')
    .split(/[\s/]+/)
    .filter(Boolean);
  const matches = zones.filter((zone) => {
    // The IANA name and the name in the interface's language ("中国", "eastern") both find a zone.
    const name = `${zoneLabel(zone)} ${nameOf(zone)}`.toLowerCase();
    return words.every((word) => name.includes(word));
  });
  if (chosen && !matches.includes(chosen)) matches.unshift(chosen);
  return matches;
}
