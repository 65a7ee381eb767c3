/**
 * Splits WeChat 4.x's 64-bit `local_type` (docs/wechat-formats.md §3.3): the low 32 bits are the base type, the high
 * 32 bits the app-message subtype, e.g. 244813135921 = (57 << 32) | 49 is a quote. The value arrives as decimal
 * text (the SELECT casts it) and is split with BigInt, because JS bit operators work on 32 bits only and a
 * double cannot hold every 64-bit value.
 */
export function splitLocalType(value: string | null): { baseType: number; subType: number } | null {
  if (value === null || !/^-?\d{1,20}$/.test(value.trim())) return null;
  const packed = BigInt.asUintN(64, BigInt(value.trim()));
  return { baseType: Number(packed & 0xffffffffn), subType: Number(packed >> 32n) };
}
