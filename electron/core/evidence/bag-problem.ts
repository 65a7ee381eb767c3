import type { BagProblemKind, BagProblemReason, BagProblemValues } from '../../common/bag-problem-codes';
import { bagProblemTextEn } from '../../common/bag-problem-text-en';
import type { BagProblem } from '../../ipc/contract';

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
