import type { ErrorShape } from '../../../electron/ipc/contract';
import { errorShapeOf } from '../services/locket';

/**
 * Runs one request with a slice's busy flag and error, the way every form shows them: busy while it runs, the
 * error kept in the slice, and null returned when it failed.
 */
export function busyAttempt(patch: (p: { busy?: boolean; error?: ErrorShape | null }) => void) {
  return async function attempt<T>(work: () => Promise<T>): Promise<T | null> {
    patch({ busy: true, error: null });
    try {
      return await work();
    } catch (error) {
      patch({ error: errorShapeOf(error) });
      return null;
    } finally {
      patch({ busy: false });
    }
  };
}
