// Pure (electron/common): the importer's readers, the archive and the renderer share these checks.

/** 1990-01-01 to 2100-01-01 UTC, in seconds. */
const EARLIEST_MESSAGE_TIME = 631_152_000;
const LATEST_MESSAGE_TIME = 4_102_444_800;

/**
 * WeChat did not exist before 2011, nor any source Locket reads before 1990: a time outside 1990-2100 is a misread
 * unit (milliseconds taken for seconds) or a damaged row, never a real message time. Such rows are skipped with the
 * reason 'time-out-of-range', by the pipeline for every reader and by readers that can say more.
 */
export function isPlausibleMessageTime(seconds: number): boolean {
  return seconds >= EARLIEST_MESSAGE_TIME && seconds < LATEST_MESSAGE_TIME;
}

/**
 * A time a source gives for another message (a quote's `refermsg/createtime`, an export's quoted time), in UTC
 * seconds, when it is one `isPlausibleMessageTime` accepts; else undefined. Such a time is a detail of the message
 * that carries it: a bad one is left out and that message is still imported. The archive reads stored payloads
 * through it too, since a vault's JSON may hold anything there.
 */
export function plausibleTimeOrUndefined(seconds: unknown): number | undefined {
  // Whole seconds, as message times are stored; NaN and Infinity fail the range check.
  return typeof seconds === 'number' && isPlausibleMessageTime(seconds) ? Math.floor(seconds) : undefined;
}
