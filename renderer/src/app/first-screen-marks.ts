/**
 * Performance marks for "first screen after the data arrives" (README, Speed): `locket:messages-arrived` when a
 * chat's first page of messages reaches the renderer, `locket:first-screen` once the newest of them is on screen
 * and a frame has been painted, and the measure `locket:first-screen` between the two. The browser test and
 * `npm run bench ui` read them; in the app they cost one mark and a few animation frames per chat opened, and
 * the old entries are cleared each time so nothing accumulates.
 */
export const MESSAGES_ARRIVED = 'locket:messages-arrived';
export const FIRST_SCREEN = 'locket:first-screen';

/** Give up looking for the row after this long: a chat closed at once never paints its first screen. */
const GIVE_UP_MS = 5000;

let pending = 0;

function isOnScreen(messageId: number): boolean {
  const row = document.querySelector(`.message-list [data-message-id="${messageId}"]`);
  const list = row?.closest('.message-list');
  if (!row || !list) return false;
  const box = row.getBoundingClientRect();
  const view = list.getBoundingClientRect();
  return box.height > 0 && box.bottom > view.top && box.top < view.bottom;
}

/** Call when a chat's first page arrives; `newestId` is the message the chat opens at. */
export function markMessagesArrived(newestId: number | undefined): void {
  if (typeof performance === 'undefined' || typeof requestAnimationFrame === 'undefined' || newestId === undefined)
    return;
  const attempt = ++pending;
  performance.clearMarks(MESSAGES_ARRIVED);
  performance.clearMarks(FIRST_SCREEN);
  performance.clearMeasures(FIRST_SCREEN);
  const arrived = performance.mark(MESSAGES_ARRIVED);
  const check = () => {
    // A newer chat opened since: its own marks replace these.
    if (attempt !== pending || performance.now() - arrived.startTime > GIVE_UP_MS) return;
    if (!isOnScreen(newestId)) {
      requestAnimationFrame(check);
      return;
    }
    // rAF runs just before a paint; the task after it runs once that frame is on screen.
    requestAnimationFrame(() =>
      setTimeout(() => {
        if (attempt !== pending) return;
        performance.mark(FIRST_SCREEN);
        performance.measure(FIRST_SCREEN, MESSAGES_ARRIVED, FIRST_SCREEN);
      }, 0),
    );
  };
  requestAnimationFrame(check);
}
