import type { BagProblemKind, BagProblemReason, BagProblemValues } from '../../common/bag-problem-codes';
import { bagProblemTextEn } from '../../common/bag-problem-text-en';
import { BAG_REFUSAL_TEXT, type BagRefusal } from '../../common/bag-refusals';
import {
  signatureProblemTextEn,
  type SignatureProblemReason,
  type SignatureProblemValues,
} from '../../common/bag-signature-problems';
import type { BagProblem, BagVerification } from '../../ipc/contract';
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

/** A file's problem as the values of a signature problem that names it: its path, reason and values. */
export function fileProblem(p: BagProblem): [file: string, reason: string, ...values: string[]] {
  return [p.file, p.reason, ...(p.values ?? [])];
}

/** A signature's problem: its code and values, and its English words (`problem`, as before codes). */
export function signatureProblem<R extends SignatureProblemReason>(
  reason: R,
  ...values: SignatureProblemValues[R]
): Pick<BagVerification['signature'], 'problem' | 'reason' | 'values'> {
  return {
    problem: signatureProblemTextEn(reason, ...values),
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
