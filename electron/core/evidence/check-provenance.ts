import type { BagProblem } from '../../ipc/contract';
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
  const malformed = (detail: string): void => {
    problems.push({ file: PROVENANCE_JSON, problem: 'malformed', detail });
  };
  if (!entry.content) return malformed('too large to be the provenance Locket writes');
  let value: unknown;
  try {
    value = JSON.parse(entry.content.toString('utf8'));
  } catch {
    return malformed('it is not JSON');
  }
  const { schema, bagId: named, imports } = (value ?? {}) as { schema?: unknown; bagId?: unknown; imports?: unknown };
  if (schema !== PROVENANCE_SCHEMA || !Array.isArray(imports))
    return malformed(`it is not provenance of the schema ${PROVENANCE_SCHEMA}`);
  if (bagId !== undefined && named !== bagId)
    malformed(`it describes another bag (${JSON.stringify(String(named).slice(0, 80))}, not ${bagId})`);
}
