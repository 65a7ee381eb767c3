import type { ImportProgress } from '../ipc/contract';

const WIDTH = 24;
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
  const bar =
    fraction === null
      ? ''
      : `[${'#'.repeat(Math.round(fraction * WIDTH)).padEnd(WIDTH, '-')}] ${String(Math.floor(fraction * 100)).padStart(3)}% `;
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
  const bar = `[${'#'.repeat(Math.round(fraction * WIDTH)).padEnd(WIDTH, '-')}] ${String(Math.floor(fraction * 100)).padStart(3)}%`;
  const mb = (n: number) => (n / (1024 * 1024)).toFixed(1);
  return `${label} ${bar} ${p.files.toLocaleString('en-US')}/${p.totalFiles.toLocaleString('en-US')} files · ${mb(p.bytes)}/${mb(p.totalBytes)} MB`;
}
