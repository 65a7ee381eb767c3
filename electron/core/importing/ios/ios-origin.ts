import type { SourceOrigin } from '../../../ipc/contract';

/** Longest value kept: a phone's name is typed by its owner, and the plist is the backup's, so anything can be there. */
const MAX_LENGTH = 200;

function text(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  // eslint-disable-next-line no-control-regex -- control characters are what must not travel into a bag's text
  const clean = value.replace(/[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g, ' ').trim();
  return clean ? clean.slice(0, MAX_LENGTH) : undefined;
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/**
 * The phone and app an iPhone backup came from, as Manifest.plist records them (docs/wechat-formats.md §5.1):
 * `Lockdown.DeviceName`, `Lockdown.ProductType`, `Lockdown.ProductVersion` (iOS) and the WeChat app's
 * `Applications."com.tencent.xin".CFBundleVersion`. Fields the plist lacks are left out; undefined when it names
 * nothing at all.
 */
export function iosOrigin(plist: Record<string, unknown> | null): SourceOrigin | undefined {
  if (!plist) return undefined;
  const lockdown = record(plist.Lockdown);
  const wechat = record(record(plist.Applications)['com.tencent.xin']);
  const origin: SourceOrigin = {};
  const fields: [keyof SourceOrigin, unknown][] = [
    ['deviceName', lockdown.DeviceName],
    ['deviceModel', lockdown.ProductType],
    ['osVersion', lockdown.ProductVersion],
    ['wechatVersion', wechat.CFBundleShortVersionString ?? wechat.CFBundleVersion],
  ];
  for (const [field, value] of fields) {
    const found = text(value);
    if (found) origin[field] = found;
  }
  return Object.keys(origin).length ? origin : undefined;
}
