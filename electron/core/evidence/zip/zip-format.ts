/** The fixed parts of the zip format (APPNOTE): record signatures and sizes, extra field ids, flags, methods. */

export const SIG_LOCAL = 0x04034b50;
export const SIG_CENTRAL = 0x02014b50;
export const SIG_EOCD = 0x06054b50;
export const SIG_ZIP64_EOCD = 0x06064b50;
export const SIG_ZIP64_LOCATOR = 0x07064b50;
export const SIG_DESCRIPTOR = 0x08074b50;
export const LOCAL_HEADER = 30;
export const CENTRAL_HEADER = 46;
export const EOCD = 22;
export const ZIP64_LOCATOR = 20;
export const ZIP64_EOCD = 56;
export const EXTRA_ZIP64 = 0x0001;
export const EXTRA_UNICODE_PATH = 0x7075;

export const FLAG_ENCRYPTED = 0x0001;
export const FLAG_DESCRIPTOR = 0x0008;
export const FLAG_STRONG_ENCRYPTION = 0x0040;
export const FLAG_MASKED_HEADER = 0x2000;
/** Deflate options (bits 1–2), data descriptor (3), UTF-8 names (11): every other flag changes how data is read. */
export const FLAGS_UNDERSTOOD = 0x0002 | 0x0004 | FLAG_DESCRIPTOR | 0x0800;
export const METHOD_STORED = 0;
export const METHOD_DEFLATE = 8;
