/** A determinate bar for a known fraction, or a moving stripe (still announced as busy) when there is none. */
export function ProgressBar({ fraction, label }: { fraction: number | null; label: string }) {
  const percent = fraction === null ? undefined : Math.round(fraction * 100);
  return (
    <div
      className={`progress-bar ${fraction === null ? 'is-indeterminate' : ''}`}
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent}
      aria-busy={fraction === null}
    >
      <div className="progress-bar-fill" style={fraction === null ? undefined : { width: `${fraction * 100}%` }} />
    </div>
  );
}
