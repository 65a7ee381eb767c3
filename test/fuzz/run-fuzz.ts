/**
 * `npm run fuzz [-- --cases N] [--seed S] [--case K[,K…]] [--timeout MS]`: mutates every fixture kind and imports each
 * mutated copy into a vault (see fuzz.ts for what each case asserts). Prints figures per kind and per mutation, each
 * failure with the command that reproduces it, and exits 1 on any failure. Not part of `npm test`
 * (fuzz-smoke.test.ts runs a short seeded slice there).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { formatSummary, generateFixtureKinds, runFuzz } from './fuzz';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      cases: { type: 'string', default: '1000' },
      seed: { type: 'string' },
      case: { type: 'string' },
      timeout: { type: 'string', default: '20000' },
    },
  });
  const seed = values.seed === undefined ? Math.floor(Math.random() * 2 ** 31) : Number(values.seed);
  const cases = Number(values.cases);
  const only = values.case?.split(',').map(Number);
  const timeoutMs = Number(values.timeout);
  if (![seed, cases, timeoutMs, ...(only ?? [])].every(Number.isSafeInteger))
    throw new Error('--cases, --seed, --case and --timeout take whole numbers');

  console.log(
    `Locket fuzz: seed ${seed}, ${only ? `case(s) ${only.join(',')}` : `${cases} cases`}, timeout ${timeoutMs} ms, Node ${process.version}`,
  );
  const dir = mkdtempSync(join(tmpdir(), 'locket-fuzz-fixtures-'));
  try {
    const kinds = await generateFixtureKinds(dir);
    const summary = await runFuzz(kinds, {
      seed,
      cases,
      only,
      timeoutMs,
      onCase: (r) => {
        if (r.outcome === 'failed')
          console.log(`  case ${r.caseNumber}: FAILED [${r.failure!.kind}] ${r.kind}/${r.mutation}: ${r.change}`);
        else if ((r.caseNumber + 1) % 50 === 0) console.log(`  … case ${r.caseNumber + 1}`);
      },
    });
    console.log(formatSummary(summary));
    process.exitCode = summary.failures.length > 0 ? 1 : 0;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
