import type { BagProblemKind, BagProblemReason, BagProblemValues } from '../../common/bag-problem-codes';
import { bagProblemTextEn } from '../../common/bag-problem-text-en';
import { BAG_REFUSAL_TEXT, type BagRefusal } from '../../common/bag-refusals';
import type { BagProblem } from '../../ipc/contract';
import { LocketError } from '../errors';

/**
 * A problem of `file`, with its reason's code and values and, as `detail`, the reason's English words: one place
 * makes every problem, so each has a code and its English is the table's (electron/common/bag-problem-text-en.ts).
 */
export function bagProblem<R extends BagProblemReason>(
  file: string,
  problem: BagProblemKind,
  reason: R,
  ...values: BagProblemValues[R]
): BagProblem {
  return {
    file,
    problem,
    detail: bagProblemTextEn(reason, ...values),
    reason,
    ...(values.length > 0 ? { values: [...values] } : {}),
  };
}

/**
 * The error for a path with no bag to check at all, in English, with its reason in `details` so the CLI can say it
 * in the reader's language (electron/common/bag-refusals.ts).
 */
export function refusedBag(reason: BagRefusal, path: string, cause = ''): LocketError {
  return new LocketError('invalid-argument', BAG_REFUSAL_TEXT.en[reason](path, cause), {
    path,
    reason,
    ...(cause ? { cause } : {}),
  });
}
