import type { MediaReference, MessageKind } from '../model';

/**
 * A sticker's image is in a backup only where the spec documents it (Android's `emoji/` folder, a PC BytesExtra
 * path); otherwise WeChat keeps just a CDN link (docs/wechat-formats.md §4.5, §6.1 type 47). So a sticker message whose
 * reader found no file still gets a reference, missing for 'sticker-not-in-backup': the app shows a labelled
 * placeholder and the import report counts it.
 */
export function withStickerPlaceholder(refs: readonly MediaReference[], kind: MessageKind): readonly MediaReference[] {
  if (kind !== 'sticker' || refs.length > 0) return refs;
  return [
    { role: 'sticker', location: null, encoding: 'plain', missingReason: 'sticker-not-in-backup', fileName: null },
  ];
}
