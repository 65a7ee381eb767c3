import type { ImportProgress } from '../../../ipc/contract';

const PROGRESS_INTERVAL_MS = 250;

/** Turns counts into throttled progress events with a rate and time left. */
export class ProgressReporter {
  private phase: ImportProgress['phase'] = 'hashing';
  private done = 0;
  private total: number | null = null;
  private phaseStart = 0;
  private lastSent = 0;

  constructor(
    private readonly emit: ((p: ImportProgress) => void) | undefined,
    private readonly now: () => number,
  ) {}

  startPhase(phase: ImportProgress['phase'], total: number | null): void {
    this.phase = phase;
    this.done = 0;
    this.total = total;
    this.phaseStart = this.now();
    this.send();
  }

  advance(n: number): void {
    this.done += n;
    if (this.now() - this.lastSent >= PROGRESS_INTERVAL_MS) this.send();
  }

  private send(): void {
    if (!this.emit) return;
    const elapsed = Math.max(1, this.now() - this.phaseStart) / 1000;
    const rate = this.done / elapsed;
    const secondsLeft = this.total !== null && rate > 0 ? Math.max(0, (this.total - this.done) / rate) : null;
    this.lastSent = this.now();
    this.emit({ phase: this.phase, done: this.done, total: this.total, rate, secondsLeft });
  }
}
