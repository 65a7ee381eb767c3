import type { BagProblemReason, BagProblemValues } from '../../common/bag-problem-codes';
import type { BagProblem } from '../../ipc/contract';
import { bagProblem } from './bag-problem';
import { PROVENANCE_JSON } from './bag-layout';
import { PROVENANCE_SCHEMA } from './bag-provenance';
import type { BagEntry } from './read-bag';

/**
 * provenance.json, when a bag has it, must be what Locket writes: JSON of its schema, naming this bag. Its bytes are
 * already checked against the signed tag manifests; this catches a bag sealed around someone else's provenance
 * (another bag's, or a hand-made one) and re-signed.
 */
export function checkProvenance(entry: BagEntry | undefined, bagId: string | undefined, problems: BagProblem[]): void {
  if (!entry) return;
  const malformed = <R extends BagProblemReason>(reason: R, ...values: BagProblemValues[R]): void => {
    problems.push(bagProblem(PROVENANCE_JSON, 'malformed', reason, ...values));
  };
  if (!entry.content) return malformed('provenance-too-large');
  let value: unknown;
  try {
    value = JSON.parse(entry.content.toString('utf8'));
  } catch {
    return malformed('provenance-not-json');
  }
  const { schema, bagId: named, imports } = (value ?? {}) as { schema?: unknown; bagId?: unknown; imports?: unknown };
  if (schema !== PROVENANCE_SCHEMA || !Array.isArray(imports))
    return malformed('provenance-wrong-schema', PROVENANCE_SCHEMA);
  if (bagId !== undefined && named !== bagId)
    malformed('provenance-other-bag', JSON.stringify(String(named).slice(0, 80)), bagId);
}
