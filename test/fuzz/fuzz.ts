/**
 * The fuzzing harness (issue 17, "A fuzzing harness that stays"): every fixture kind, mutated, imported into a vault.
 * `npm run fuzz` (run-fuzz.ts) runs it at length; fuzz-smoke.test.ts runs a short seeded slice of it in `npm test`.
 *
 * Each case asserts:
 *  (a) the import ends in a report or a LocketError whose code is not 'internal' (anything else is a crash);
 *  (b) it ends within the case timeout (a hang is a failure; a watchdog thread also catches a blocked event loop);
 *  (c) after a refused import the vault's counts are what they were before it;
 *  (d) after an accepted import the vault still reads: every conversation's messages list, and searches run.
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { Worker } from 'node:worker_threads';
import { createLocketService, type LocketService } from '../../electron/core/service';
import { KDF_TEST_PARAMS } from '../../electron/core/vault/kdf';
import { generateAndroidBackup } from '../fixtures/generate-android-backup';
import { generateExports } from '../fixtures/generate-exports';
import { generateHostileExport } from '../fixtures/generate-hostile-export';
import { generateIosBackup } from '../fixtures/generate-ios-backup';
import { generatePc3Backup } from '../fixtures/generate-pc3-backup';
import { generatePc4Backup } from '../fixtures/generate-pc4-backup';
import { caseSeed, mutate, mutationsFor, releaseFifos, rngOf, type MutationName, type MutationTarget } from './mutate';

export interface FixtureKind {
  name: string;
  /** The fixture's folder (copied whole for each case). */
  root: string;
  /** What import.run is given: `root`, or a file inside it. */
  source: string;
  shape: MutationTarget['shape'];
}

export type FailureKind = 'internal' | 'hang' | 'vault-changed' | 'unreadable' | 'harness';

export interface CaseResult {
  caseNumber: number;
  kind: string;
  mutation: MutationName;
  change: string;
  outcome: 'accepted' | 'refused' | 'failed';
  /** The LocketError code of a refused import. */
  code?: string;
  failure?: { kind: FailureKind; message: string };
  ms: number;
}

export interface FuzzOptions {
  cases: number;
  seed: number;
  /** Run only these case numbers (to reproduce one). */
  only?: readonly number[];
  timeoutMs?: number;
  /** Start a fresh vault for a kind after this many imports into it (keeps vaults small and cases apart). */
  importsPerVault?: number;
  onCase?: (result: CaseResult) => void;
}

export interface FuzzSummary {
  seed: number;
  results: CaseResult[];
  failures: CaseResult[];
  /** Baseline (unmutated) import of each kind: accepted with N messages, or refused with a code. */
  baselines: Record<string, string>;
  ms: number;
}

const PASSPHRASE = 'fuzzing passphrase, not secret';

/** Generates every fixture kind once, under `dir`. */
export async function generateFixtureKinds(dir: string): Promise<FixtureKind[]> {
  const at = (name: string): string => {
    const d = join(dir, name);
    mkdirSync(d, { recursive: true });
    return d;
  };
  const pc3 = await generatePc3Backup(at('pc3'));
  const pc4 = await generatePc4Backup(at('pc4'));
  const ios = await generateIosBackup(at('ios'));
  const android = await generateAndroidBackup(at('android'));
  const ex = generateExports(at('exports'));
  const hostile = generateHostileExport(at('hostile'));
  const file = (name: string, source: string, shape: MutationTarget['shape']): FixtureKind => ({
    name,
    root: dirname(source),
    source,
    shape,
  });
  return [
    { name: 'pc3', root: pc3.accountRoot, source: pc3.accountRoot, shape: 'database' },
    { name: 'pc4', root: pc4.accountRoot, source: pc4.accountRoot, shape: 'database' },
    { name: 'ios', root: ios.root, source: ios.root, shape: 'database' },
    { name: 'android', root: android.userDir, source: android.userDir, shape: 'database' },
    file('pywxdump-csv', ex.pyWxDumpCsv, 'text'),
    file('pywxdump-json', ex.pyWxDumpJson, 'json'),
    file('memotrace-csv', ex.memoTraceGroupCsv, 'text'),
    file('memotrace-txt', ex.memoTraceTxt, 'text'),
    file('chatlog-json', ex.chatlogJson, 'json'),
    file('chatlab-json', ex.chatLabGroupJson, 'json'),
    file('chatlab-jsonl', ex.chatLabPrivateJsonl, 'jsonl'),
    file('hostile-json', hostile.file, 'json'),
  ];
}

class Timeout extends Error {}

function within<T>(ms: number, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Timeout(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

const isLocketError = (e: unknown): e is { code: string; message: string } =>
  e instanceof Error && e.name === 'LocketError' && typeof (e as { code?: unknown }).code === 'string';

const describeError = (e: unknown): string =>
  e instanceof Error ? `${e.name}: ${e.message}\n${(e.stack ?? '').split('\n').slice(1, 6).join('\n')}` : String(e);

/**
 * A thread that kills the process when a case overruns its deadline by `graceMs`: the Promise.race timeout cannot
 * fire while a synchronous loop holds the event loop, but this thread still runs.
 */
function startWatchdog(graceMs: number): {
  arm(deadline: number, label: string): void;
  disarm(): void;
  stop(): Promise<number>;
} {
  const shared = new Float64Array(new SharedArrayBuffer(8));
  const label = new Uint8Array(new SharedArrayBuffer(512));
  const worker = new Worker(
    `const { workerData } = require('node:worker_threads');
     const { writeSync } = require('node:fs');
     const deadline = new Float64Array(workerData.shared);
     const label = new Uint8Array(workerData.label);
     setInterval(() => {
       if (deadline[0] > 0 && Date.now() > deadline[0] + ${graceMs}) {
         const text = Buffer.from(label).toString('utf8').replace(/\\0+$/, '');
         writeSync(2, '\\nFUZZ HANG: the event loop was blocked past the case deadline: ' + text + '\\n');
         process.kill(process.pid, 'SIGKILL');
       }
     }, 500);`,
    { eval: true, workerData: { shared: shared.buffer, label: label.buffer } },
  );
  worker.unref();
  return {
    arm(deadline, text) {
      label.fill(0);
      label.set(Buffer.from(text, 'utf8').subarray(0, 511));
      shared[0] = deadline;
    },
    disarm() {
      shared[0] = 0;
    },
    stop: () => worker.terminate(),
  };
}

interface KindVault {
  service: LocketService;
  imports: number;
}

export async function runFuzz(kinds: readonly FixtureKind[], options: FuzzOptions): Promise<FuzzSummary> {
  const started = performance.now();
  const timeoutMs = options.timeoutMs ?? 20_000;
  const importsPerVault = options.importsPerVault ?? 25;
  const work = mkdtempSync(join(tmpdir(), 'locket-fuzz-run-'));
  const outside = join(work, 'outside');
  mkdirSync(outside);
  writeFileSync(join(outside, 'secret.txt'), 'a file outside the source that no import may read\n');
  const watchdog = startWatchdog(30_000);
  const vaults = new Map<string, KindVault>();
  let vaultNumber = 0;

  const freshVault = async (kind: string): Promise<KindVault> => {
    const service = createLocketService({ sessionOptions: { kdf: KDF_TEST_PARAMS, recoveryKdf: KDF_TEST_PARAMS } });
    await service['vault.create']({
      path: join(work, `vault-${kind}-${++vaultNumber}.locket`),
      passphrase: PASSPHRASE,
    });
    const v = { service, imports: 0 };
    vaults.set(kind, v);
    return v;
  };
  /** Drops a kind's vault; after a hang its import may still be running, so the dispose is not awaited. */
  const dropVault = (kind: string, wait: boolean): Promise<void> => {
    const v = vaults.get(kind);
    vaults.delete(kind);
    if (!v) return Promise.resolve();
    const done = v.service.dispose().catch(() => undefined);
    return wait ? within(timeoutMs, done).catch(() => undefined) : Promise.resolve();
  };
  const vaultFor = async (kind: string): Promise<KindVault> => {
    const v = vaults.get(kind);
    if (v && v.imports < importsPerVault) return v;
    if (v) await dropVault(kind, true);
    return freshVault(kind);
  };

  // The unmutated fixtures, imported once each: a kind whose baseline is refused would fuzz nothing.
  const baselines: Record<string, string> = {};
  for (const kind of kinds) {
    const { service } = await vaultFor(kind.name);
    try {
      const report = await within(timeoutMs * 3, service['import.run']({ paths: [kind.source] }));
      baselines[kind.name] = `accepted, ${report.imported} messages`;
    } catch (e) {
      baselines[kind.name] = `refused: ${isLocketError(e) ? e.code : describeError(e)}`;
    }
    await dropVault(kind.name, true);
  }

  const numbers = options.only ?? Array.from({ length: options.cases }, (_, i) => i);
  const results: CaseResult[] = [];
  for (const caseNumber of numbers) {
    const result = await runCase(caseNumber);
    results.push(result);
    options.onCase?.(result);
  }

  for (const kind of [...vaults.keys()]) await dropVault(kind, true);
  await watchdog.stop();
  rmSync(work, { recursive: true, force: true });
  return {
    seed: options.seed,
    results,
    failures: results.filter((r) => r.outcome === 'failed'),
    baselines,
    ms: performance.now() - started,
  };

  async function runCase(caseNumber: number): Promise<CaseResult> {
    const t0 = performance.now();
    const rng = rngOf(caseSeed(options.seed, caseNumber));
    const kind = rng.pick(kinds);
    const mutation = rng.pick(mutationsFor(kind.shape));
    const caseDir = join(work, `case-${caseNumber}`);
    const root = join(caseDir, 'source');
    const base: Omit<CaseResult, 'outcome' | 'ms'> = { caseNumber, kind: kind.name, mutation, change: '' };
    const end = (r: Omit<CaseResult, 'caseNumber' | 'kind' | 'mutation' | 'change' | 'ms'>): CaseResult => ({
      ...base,
      ...r,
      ms: Math.round(performance.now() - t0),
    });
    try {
      cpSync(kind.root, root, { recursive: true });
      const source = join(root, relative(kind.root, kind.source));
      base.change = await mutate(mutation, { root, source, shape: kind.shape }, rng, join(outside, 'secret.txt'));
      const vault = await vaultFor(kind.name);
      const { service } = vault;
      vault.imports++;
      const before = (await service['vault.status']()).counts;
      watchdog.arm(
        Date.now() + timeoutMs,
        `case ${caseNumber} (seed ${options.seed}): ${kind.name} ${mutation}: ${base.change}`,
      );
      let outcome: { ok: true } | { ok: false; error: unknown };
      try {
        await within(timeoutMs, service['import.run']({ paths: [source] }));
        outcome = { ok: true };
      } catch (error) {
        outcome = { ok: false, error };
      }
      if (!outcome.ok && outcome.error instanceof Timeout) {
        watchdog.disarm();
        releaseFifos(caseDir);
        await dropVault(kind.name, false);
        return end({
          outcome: 'failed',
          failure: { kind: 'hang', message: `import.run gave no answer within ${timeoutMs} ms` },
        });
      }
      if (!outcome.ok) {
        watchdog.disarm();
        const error = outcome.error;
        if (!isLocketError(error) || error.code === 'internal') {
          await dropVault(kind.name, true);
          return end({ outcome: 'failed', failure: { kind: 'internal', message: describeError(error) } });
        }
        const after = (await within(timeoutMs, service['vault.status']())).counts;
        if (JSON.stringify(after) !== JSON.stringify(before)) {
          await dropVault(kind.name, true);
          return end({
            outcome: 'failed',
            code: error.code,
            failure: {
              kind: 'vault-changed',
              message: `refused with ${error.code} (${error.message}) but counts went from ${JSON.stringify(before)} to ${JSON.stringify(after)}`,
            },
          });
        }
        return end({ outcome: 'refused', code: error.code });
      }
      try {
        await within(timeoutMs, checkReadable(service, before?.messages ?? 0));
      } catch (error) {
        await dropVault(kind.name, !(error instanceof Timeout));
        return end({
          outcome: 'failed',
          failure: { kind: error instanceof Timeout ? 'hang' : 'unreadable', message: describeError(error) },
        });
      } finally {
        watchdog.disarm();
      }
      return end({ outcome: 'accepted' });
    } catch (error) {
      watchdog.disarm();
      await dropVault(kind.name, true);
      return end({ outcome: 'failed', failure: { kind: 'harness', message: describeError(error) } });
    } finally {
      releaseFifos(caseDir);
      rmSync(caseDir, { recursive: true, force: true });
    }
  }
}

/** (d): the vault reads after an accepted import: counts did not shrink, every conversation lists, searches run. */
async function checkReadable(service: LocketService, messagesBefore: number): Promise<void> {
  const status = await service['vault.status']();
  if (status.state !== 'unlocked' || !status.counts) throw new Error(`the vault is ${status.state} after the import`);
  if (status.counts.messages < messagesBefore)
    throw new Error(`the vault held ${messagesBefore} messages before the import and ${status.counts.messages} after`);
  for (const conversation of await service['conversations.list']()) {
    await service['messages.list']({ conversationId: conversation.id, limit: 500 });
  }
  for (const query of ['a', '的', '"x"', 'type:image']) await service['search.query']({ query, limit: 20 });
}

/** Figures of a run, per kind and per mutation, and its failures with what reproduces each. */
export function formatSummary(summary: FuzzSummary): string {
  const lines: string[] = [];
  const table = (title: string, key: (r: CaseResult) => string): void => {
    const rows = new Map<string, { cases: number; accepted: number; refused: number; failed: number }>();
    for (const r of summary.results) {
      const row = rows.get(key(r)) ?? { cases: 0, accepted: 0, refused: 0, failed: 0 };
      row.cases++;
      row[r.outcome]++;
      rows.set(key(r), row);
    }
    lines.push(
      '',
      `${title.padEnd(16)} ${'cases'.padStart(6)} ${'accepted'.padStart(9)} ${'refused'.padStart(8)} ${'failed'.padStart(7)}`,
    );
    for (const [name, row] of [...rows].sort(([a], [b]) => a.localeCompare(b))) {
      lines.push(
        `${name.padEnd(16)} ${String(row.cases).padStart(6)} ${String(row.accepted).padStart(9)} ${String(row.refused).padStart(8)} ${String(row.failed).padStart(7)}`,
      );
    }
  };
  lines.push(`seed ${summary.seed}, ${summary.results.length} cases, ${(summary.ms / 1000).toFixed(1)} s`);
  lines.push('', 'baselines (unmutated):');
  for (const [kind, text] of Object.entries(summary.baselines)) lines.push(`  ${kind.padEnd(14)} ${text}`);
  table('kind', (r) => r.kind);
  table('mutation', (r) => r.mutation);
  const codes = new Map<string, number>();
  for (const r of summary.results)
    if (r.code && r.outcome === 'refused') codes.set(r.code, (codes.get(r.code) ?? 0) + 1);
  lines.push('', `refusal codes: ${[...codes].map(([c, n]) => `${c} ${n}`).join(', ') || 'none'}`);
  const slowest = [...summary.results].sort((a, b) => b.ms - a.ms).slice(0, 3);
  lines.push(`slowest cases: ${slowest.map((r) => `#${r.caseNumber} ${r.kind}/${r.mutation} ${r.ms} ms`).join('; ')}`);
  lines.push('', `${summary.failures.length} failure(s)`);
  for (const f of summary.failures) {
    lines.push(`  case ${f.caseNumber} [${f.failure!.kind}] ${f.kind} / ${f.mutation}: ${f.change}`);
    lines.push(`    reproduce: npm run fuzz -- --seed ${summary.seed} --case ${f.caseNumber}`);
    lines.push(...f.failure!.message.split('\n').map((l) => `    ${l}`));
  }
  return lines.join('\n');
}
