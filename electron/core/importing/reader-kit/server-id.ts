const TWO_TO_64 = 1n << 64n;
const DECIMAL = /^-?\d{1,20}$/;

/**
 * WeChat's server ids are unsigned 64-bit numbers (quotes and revokes name them so in their XML, and WechatExporter
 * and WeFlow read them so), but SQLite stores integers signed: an id at or above 2^63 comes back negative from
 * `CAST(x AS TEXT)`. This gives the unsigned decimal text, so a quote or revoke still finds the message it names.
 * Null for none (empty, 0) and for anything that is not a 64-bit integer: such a value is no id, and is never
 * passed through a JS number either.
 */
export function unsignedServerId(text: string | null | undefined): string | null {
  const trimmed = text?.trim() ?? '';
  if (!DECIMAL.test(trimmed)) return null;
  let value = BigInt(trimmed);
  if (value < 0n) {
    if (value < -(1n << 63n)) return null;
    value += TWO_TO_64;
  }
  if (value === 0n || value >= TWO_TO_64) return null;
  return value.toString();
}

/** An unsigned id at or above 2^63 as SQLite's signed text (how Locket 0.1 stored it); null below 2^63. */
export function signedServerId(unsigned: string): string | null {
  if (!/^\d{19,20}$/.test(unsigned)) return null;
  const value = BigInt(unsigned);
  return value >= 1n << 63n ? (value - TWO_TO_64).toString() : null;
}
