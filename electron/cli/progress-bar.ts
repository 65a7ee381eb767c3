import type { EventName, Events, ImportProgress } from '../ipc/contract';
import type { CommandContext } from './command';

const WIDTH = 24;

/** `[#####-----]  42%`: a fraction from 0 to 1 as a bar and a percentage. */
function barOf(fraction: number): string {
  return `[${'#'.repeat(Math.round(fraction * WIDTH)).padEnd(WIDTH, '-')}] ${String(Math.floor(fraction * 100)).padStart(3)}%`;
}
const PHASE_NAMES: Record<ImportProgress['phase'], string> = {
  hashing: 'Checking files',
  reading: 'Importing',
  committing: 'Saving',
  indexing: 'Building the search index',
};

/** One line, redrawn in place on a terminal: phase, bar, counts, rate and time left. */
export function renderProgress(p: ImportProgress): string {
  const unit = p.phase === 'hashing' ? 'MB' : 'messages';
  const scale = p.phase === 'hashing' ? 1024 * 1024 : 1;
  const done = Math.round(p.done / scale);
  const fraction = p.total ? Math.min(1, p.done / p.total) : null;
  const bar = fraction === null ? '' : `${barOf(fraction)} `;
  const counts = p.total
    ? `${done.toLocaleString('en-US')}/${Math.round(p.total / scale).toLocaleString('en-US')} ${unit}`
    : `${done.toLocaleString('en-US')} ${unit}`;
  const rate =
    p.rate > 0 && p.phase !== 'committing' ? ` · ${Math.round(p.rate / scale).toLocaleString('en-US')}/s` : '';
  const left = p.secondsLeft !== null && p.phase !== 'committing' ? ` · ${formatDuration(p.secondsLeft)} left` : '';
  return `${PHASE_NAMES[p.phase]} ${bar}${p.phase === 'committing' ? '' : counts}${rate}${left}`;
}

function formatDuration(seconds: number): string {
  if (seconds < 60) return `${Math.ceil(seconds)}s`;
  const minutes = Math.floor(seconds / 60);
  return minutes < 60 ? `${minutes}m ${Math.ceil(seconds % 60)}s` : `${Math.floor(minutes / 60)}h ${minutes % 60}m`;
}

/** One line for a copy or a scrub ('backup.progress', 'vault.checkProgress'): label, bar, files and megabytes. */
export function renderFileProgress(
  label: string,
  p: { files: number; totalFiles: number; bytes: number; totalBytes: number },
): string {
  const fraction =
    p.totalBytes > 0 ? Math.min(1, p.bytes / p.totalBytes) : p.totalFiles > 0 ? p.files / p.totalFiles : 1;
  const mb = (n: number) => (n / (1024 * 1024)).toFixed(1);
  return `${label} ${barOf(fraction)} ${p.files.toLocaleString('en-US')}/${p.totalFiles.toLocaleString('en-US')} files · ${mb(p.bytes)}/${mb(p.totalBytes)} MB`;
}

/**
 * Runs `work` with `event` drawn as one line on stderr, redrawn in place, on a terminal only, and clears it after.
 * With `cancel`, Ctrl-C asks it to stop (between files) instead of ending the process.
 */
export async function withProgressLine<E extends EventName, T>(
  ctx: CommandContext,
  event: E,
  render: (progress: Events[E]) => string,
  work: () => Promise<T>,
  cancel?: () => Promise<unknown>,
): Promise<T> {
  const isTerminal = ctx.io.isInteractive;
  if (isTerminal) ctx.on(event, (p) => ctx.io.stderr(`\r\u001b[2K${render(p)}`));
  const onInterrupt = () => void cancel?.();
  if (cancel) process.on('SIGINT', onInterrupt);
  try {
    const result = await work();
    if (isTerminal) ctx.io.stderr('\r\u001b[2K');
    return result;
  } catch (error) {
    if (isTerminal) ctx.io.stderr('\n');
    throw error;
  } finally {
    if (cancel) process.off('SIGINT', onInterrupt);
  }
}
