/** Hold and audit times arrive in milliseconds; the formatter takes seconds (seconds pass through unchanged). */
export function toSeconds(time: number): number {
  return Math.floor(time > 1e11 ? time / 1000 : time);
}
