import type { RecordLanguage } from './record-language';

/**
 * Why `locket verify` has no bag to check at all (an `invalid-argument` error, its `details.reason`), rather than a
 * bag with problems: nothing at the path, something that is neither a folder nor a file, a file it cannot open,
 * or a file that is not a zip archive.
 */
export type BagRefusal = 'no-bag-at-path' | 'not-a-folder-or-file' | 'bag-unreadable' | 'not-a-zip';

/** Each refusal in words, naming the path; `bag-unreadable` also names the system's error code (`EACCES`). */
export const BAG_REFUSAL_TEXT: Readonly<
  Record<RecordLanguage, Readonly<Record<BagRefusal, (path: string, cause: string) => string>>>
> = {
  en: {
    'no-bag-at-path': (path) => `There is no bag at ${path}.`,
    'not-a-folder-or-file': (path) => `${path} is neither a bag folder nor a zip archive.`,
    'bag-unreadable': (path, cause) => `${path} cannot be read (${cause}).`,
    'not-a-zip': (path) => `${path} is not a bag folder or a zip archive.`,
  },
  'zh-CN': {
    'no-bag-at-path': (path) => `${path} 处没有证据包。`,
    'not-a-folder-or-file': (path) => `${path} 既不是证据包文件夹，也不是 zip 压缩包。`,
    'bag-unreadable': (path, cause) => `无法读取 ${path}（${cause}）。`,
    'not-a-zip': (path) => `${path} 不是证据包文件夹，也不是 zip 压缩包。`,
  },
};

/** A refusal's words in a language, from an error's details; null when the details name no refusal this knows. */
export function bagRefusalText(
  lang: RecordLanguage,
  details: Readonly<Record<string, unknown>> | undefined,
): string | null {
  const reason = details?.reason;
  if (typeof reason !== 'string' || !Object.hasOwn(BAG_REFUSAL_TEXT[lang], reason)) return null;
  return BAG_REFUSAL_TEXT[lang][reason as BagRefusal](String(details?.path ?? ''), String(details?.cause ?? ''));
}
