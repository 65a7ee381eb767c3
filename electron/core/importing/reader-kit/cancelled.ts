import { LocketError } from '../../errors';

/** Ends a backup's read with `cancelled` once the import's signal is aborted; readers call it between rows. */
export function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted)
    throw new LocketError('cancelled', 'The import was cancelled. Nothing more was read from the backup.');
}
