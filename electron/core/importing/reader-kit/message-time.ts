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
