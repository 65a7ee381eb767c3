import { EXTRA_ZIP64 } from './zip-format';
import { u64 } from './zip-reader';

/** Extra fields as id → data; null when they do not tile their space exactly or an id repeats. */
export function parseExtras(extra: Buffer): Map<number, Buffer> | null {
  const fields = new Map<number, Buffer>();
  let at = 0;
  while (at < extra.length) {
    if (at + 4 > extra.length) return null;
    const id = extra.readUInt16LE(at);
    const length = extra.readUInt16LE(at + 2);
    if (at + 4 + length > extra.length || fields.has(id)) return null;
    fields.set(id, extra.subarray(at + 4, at + 4 + length));
    at += 4 + length;
  }
  return fields;
}

/** APPNOTE 4.5.3: the ZIP64 field holds, in this order, only the values whose 32-bit field is all ones. */
export function zip64Values(
  fields: Map<number, Buffer>,
  wanted: { size: boolean; compressedSize: boolean; offset: boolean },
): { size?: number; compressedSize?: number; offset?: number } | null {
  if (!wanted.size && !wanted.compressedSize && !wanted.offset) return {};
  const field = fields.get(EXTRA_ZIP64);
  if (!field) return null;
  const out: { size?: number; compressedSize?: number; offset?: number } = {};
  let at = 0;
  for (const key of ['size', 'compressedSize', 'offset'] as const) {
    if (!wanted[key]) continue;
    if (at + 8 > field.length) return null;
    out[key] = u64(field, at);
    at += 8;
  }
  return out;
}
