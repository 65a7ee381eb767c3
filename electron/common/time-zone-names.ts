/** How a time zone is named to people, on screen and in the documents Locket writes (Intl only: pure). */

/** "Asia/Ho_Chi_Minh" → "Asia/Ho Chi Minh": how the zone reads in a list and how people type it. */
export function zoneLabel(zone: string): string {
  return zone.replace(/_/g, ' ');
}

/**
 * The zone as a person of the locale knows it, with its IANA name beside it: "中国标准时间 (Asia/Shanghai)",
 * "Eastern Time (America/New York)". Zones Intl has no name for ("UTC", "Etc/GMT+5") show their IANA name alone.
 * Generic names ("Eastern Time", not "Eastern Standard Time") do not change with daylight saving.
 */
export function zoneName(zone: string, locale: string): string {
  try {
    const parts = new Intl.DateTimeFormat(locale, { timeZone: zone, timeZoneName: 'longGeneric' }).formatToParts(0);
    const name = parts.find((p) => p.type === 'timeZoneName')?.value ?? '';
    return name && !name.startsWith('GMT') ? `${name} (${zoneLabel(zone)})` : zoneLabel(zone);
  } catch {
    return zoneLabel(zone);
  }
}
