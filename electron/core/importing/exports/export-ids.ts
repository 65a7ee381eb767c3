/**
 * Ids for exports that lack WeChat usernames. A stand-in is `name:` plus the NFC display name: stable across
 * imports of the same export, never mistaken for a WeChat username (those have no colon, §1.1), and readable in
 * the archive until a real username is known.
 */
export function standInUsername(displayName: string): string {
  return `name:${displayName.normalize('NFC').trim()}`;
}

/**
 * A 64-bit server id as a decimal string, or null when absent or 0 (model.ts). A JSON number beyond 2^53 has
 * already lost digits when parsed, so it is refused rather than stored wrong (§7.12).
 */
export function serverIdOf(value: unknown): string | null {
  if (typeof value === 'number') return Number.isSafeInteger(value) && value > 0 ? String(value) : null;
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  return /^-?\d{1,20}$/.test(trimmed) && !/^-?0+$/.test(trimmed) ? trimmed : null;
}

/** True for a JSON number that is an id but too large to have survived JSON.parse exactly. */
export function isImpreciseId(value: unknown): boolean {
  return typeof value === 'number' && Number.isInteger(value) && !Number.isSafeInteger(value);
}

/** A username-looking value, or null for the placeholders exporters write instead ("我", "未知", "系统消息"). */
export function usernameOrNull(value: unknown, placeholders: ReadonlySet<string> = NOT_USERNAMES): string | null {
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  return trimmed === '' || placeholders.has(trimmed) ? null : trimmed;
}

/** What PyWxDump and chatlog write where a username is unknown or is the owner ("我" = me). */
export const NOT_USERNAMES: ReadonlySet<string> = new Set(['我', '未知', '系统', '系统消息']);
