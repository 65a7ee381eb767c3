import type { ErrorCode, ErrorShape } from '../ipc/contract';

type Details = NonNullable<ErrorShape['details']>;

/** Codes after which the current operation cannot go on and the user must act. */
const FATAL_CODES: ReadonlySet<ErrorCode> = new Set([
  'vault-corrupt',
  'vault-rollback',
  'unsupported-version',
  'internal',
]);

/** The one error type the core throws. `message` is written for a person; `code` is for programs. */
export class LocketError extends Error {
  readonly code: ErrorCode;
  readonly details: Details | undefined;

  constructor(code: ErrorCode, message: string, details?: Details, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'LocketError';
    this.code = code;
    this.details = details;
  }

  get isFatal(): boolean {
    return FATAL_CODES.has(this.code);
  }

  toShape(): ErrorShape {
    return this.details
      ? { code: this.code, message: this.message, details: this.details }
      : { code: this.code, message: this.message };
  }
}

/** Turns anything thrown into the IPC error shape without leaking stack traces or secrets. */
export function toErrorShape(error: unknown): ErrorShape {
  if (error instanceof LocketError) return error.toShape();
  return { code: 'internal', message: 'Something went wrong inside Locket. Nothing in the vault was changed.' };
}

export function fromErrorShape(shape: ErrorShape): LocketError {
  return new LocketError(shape.code, shape.message, shape.details);
}

/** Maps a Node file-system error to a LocketError that names the file. */
export function fsError(error: unknown, path: string, action: string): LocketError {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    return new LocketError(
      'disk-full',
      `The disk is full: could not ${action} ${path}. Nothing in the vault was changed.`,
      { path },
      { cause: error },
    );
  }
  if (code === 'ENOENT') {
    return new LocketError('vault-corrupt', `A vault file is missing: ${path}.`, { path }, { cause: error });
  }
  return new LocketError(
    'io-error',
    `Could not ${action} ${path} (${code ?? 'unknown error'}).`,
    { path },
    { cause: error },
  );
}
