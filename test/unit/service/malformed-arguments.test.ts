/**
 * Every request, through the real service, with malformed arguments: wrong types, missing fields, huge values,
 * null. Whatever arrives from a compromised page or a broken client, the service answers with a LocketError (or
 * ignores what it does not use): never a TypeError, an `internal` error or a hang.
 */
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocketError } from '../../../electron/core/errors';
import { createLocketService, type LocketService } from '../../../electron/core/service';
import { VaultSession } from '../../../electron/core/session/vault-session';
import { requestNames } from '../../../electron/ipc/channels';
import type { RequestName } from '../../../electron/ipc/contract';
import { sharedTempDir } from '../../helpers/temp-dir';
import { TEST_PASSPHRASE, testKdf } from '../../helpers/vault';

const HUGE_STRING = 'x'.repeat(1_000_000);
const HUGE_ARRAY = Array.from({ length: 200_000 }, (_, i) => i + 1);

/** What replaces a value: each of these, and leaving the field out. */
const BAD_VALUES: readonly unknown[] = [
  null,
  42,
  -1,
  1.5,
  Number.NaN,
  1e308,
  true,
  'text',
  'a\u0000b',
  HUGE_STRING,
  [],
  {},
  HUGE_ARRAY,
  // Structured clone carries these too.
  10n,
  new Map([['a', 1]]),
  new Date(0),
];
const LEFT_OUT = Symbol('left out');

const folder = sharedTempDir('locket-malformed-');
const vaultPath = join(folder, 'Malformed.locket');
const missing = join(folder, 'not-there');

/** Arguments of the right shape for each request, whose fields the test spoils one at a time. */
const WELL_FORMED: { [K in RequestName]: unknown } = {
  'vault.create': { path: join(folder, 'New.locket'), passphrase: 'a long enough passphrase', kdf: 'interactive' },
  'vault.unlock': { path: vaultPath, passphrase: TEST_PASSPHRASE },
  'vault.lock': undefined,
  'vault.createDemo': { path: join(folder, 'Demo.locket') },
  'vault.status': undefined,
  'vault.changePassphrase': { currentPassphrase: 'wrong passphrase', newPassphrase: 'another long passphrase' },
  'vault.resetPassphraseWithRecoveryCode': {
    path: vaultPath,
    recoveryCode: 'AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA-AAAA',
    newPassphrase: 'another long passphrase',
  },
  'vault.check': { path: missing, passphrase: TEST_PASSPHRASE, requestId: 'r1' },
  'vault.cancelCheck': undefined,
  'vault.compact': { requestId: 'r1' },
  'vault.cancelCompact': undefined,
  'vault.compactStatus': undefined,
  'import.detect': { paths: [missing] },
  'import.run': { paths: [missing], account: 'wxid_a', timeZone: 'Asia/Shanghai', owner: 'wxid_a' },
  'import.cancel': undefined,
  'import.finishIndex': undefined,
  'conversations.list': undefined,
  'messages.list': { conversationId: 1, after: 0, before: 2e9, cursor: { time: 1, id: 1 }, limit: 10, order: 'desc' },
  'messages.context': { messageId: 1, time: 1, before: 5, after: 5 },
  'conversations.participants': { conversationIds: [1] },
  'search.query': {
    query: 'hello',
    conversationId: 1,
    timeZone: 'Asia/Shanghai',
    limit: 10,
    cursor: { time: 1, id: 1, nextTime: 1, seen: 1, total: null },
    count: true,
    requestId: 'r1',
  },
  'search.count': {
    query: 'hello',
    conversationId: 1,
    timeZone: 'Asia/Shanghai',
    cursor: { time: 1, id: 1, nextTime: 1, seen: 1, total: null },
    requestId: 'r1',
  },
  'search.cancel': { requestId: 'r1' },
  'media.get': { mediaId: 'ab'.repeat(16) },
  'media.info': { mediaId: 'ab'.repeat(16) },
  'media.voice': { mediaId: 'ab'.repeat(16) },
  'retention.listClasses': undefined,
  'retention.saveClass': {
    id: 999,
    name: 'Class',
    keepAmount: 1,
    keepUnit: 'years',
    color: '#336699',
    description: '',
  },
  'retention.setDefaultClass': { classId: 999 },
  'retention.assign': { classId: 999, target: { conversationId: 1 } },
  'holds.list': undefined,
  'holds.place': {
    name: 'Hold',
    reason: 'Case',
    placedBy: 'Me',
    scope: { conversationIds: [1], from: null, to: null },
  },
  'holds.release': { holdId: 999, releasedBy: 'Me', reason: 'Matter closed' },
  'holds.counts': undefined,
  'retention.previewChange': { change: { kind: 'default', classId: 999 } },
  'retention.coverage': undefined,
  'retention.classChanges': undefined,
  'wipe.preview': { selection: { kind: 'conversation', conversationId: 1, after: 0, before: 2e9 } },
  'wipe.execute': { selection: { kind: 'messages', messageIds: [1] }, expectedMessages: 1 },
  'audit.list': undefined,
  'audit.verify': undefined,
  'audit.names': undefined,
  'audit.exportPdf': {
    outputPath: join(folder, 'audit.pdf'),
    language: 'zh-CN',
    timeZone: 'Asia/Shanghai',
    filter: { actions: ['hold-placed'], from: '2026-01-01', to: '2026-12-31' },
    includeRawFields: true,
    replace: false,
  },
  'certificates.verify': { certificate: '{"body":{"type":"locket-wipe-certificate","signingKey":{}},"signature":""}' },
  'certificates.list': undefined,
  'certificates.get': { id: 1 },
  'settings.get': undefined,
  'settings.update': { autoLockMinutes: 5, reviewExpiredOnUnlock: false, backupReminderDays: 7 },
  'settings.aiScopes': undefined,
  'settings.saveAiScope': {
    name: 'Supplier',
    conversationIds: [1],
    after: '2024',
    before: null,
    kinds: ['text'],
    timeZone: 'UTC',
    pseudonymize: true,
  },
  'settings.deleteAiScope': { name: 'Supplier' },
  'export.run': {
    conversationIds: [1],
    after: 0,
    before: 2e9,
    kinds: ['text'],
    senders: ['wxid_a'],
    names: 'group',
    pseudonymize: ['wxid_a'],
    timeZone: 'Asia/Shanghai',
    caseReference: 'Case 1',
    format: 'folder',
    split: { maxMessages: 10 },
    outputPath: join(folder, 'export-bag'),
  },
  'export.cancel': undefined,
  'bags.verify': { path: missing },
  'stats.messages': { conversationId: 1, timeZone: 'Asia/Shanghai', topSenders: 5 },
  'backup.run': { path: join(folder, 'backup'), requestId: 'r1' },
  'backup.cancel': undefined,
  'backup.list': undefined,
  'backup.restore': { backupPath: missing, path: join(folder, 'restored'), passphrase: TEST_PASSPHRASE },
};

/** The malformed arguments for one request: bad values in place of the whole, and of each field, nested ones too. */
function malformed(wellFormed: unknown): { what: string; args: unknown }[] {
  const cases = BAD_VALUES.map((value) => ({ what: describeValue(value), args: value }));
  cases.push({ what: 'undefined', args: undefined });
  const spoil = (value: unknown, path: string[]): void => {
    if (!value || typeof value !== 'object') return;
    for (const key of Object.keys(value)) {
      for (const bad of [...BAD_VALUES, LEFT_OUT])
        cases.push({
          what: `${[...path, key].join('.')} = ${describeValue(bad)}`,
          args: replaced(wellFormed, [...path, key], bad),
        });
      spoil((value as Record<string, unknown>)[key], [...path, key]);
    }
  };
  spoil(wellFormed, []);
  return cases;
}

function replaced(value: unknown, path: string[], bad: unknown): unknown {
  const [key, ...rest] = path;
  const copy: Record<string, unknown> = Array.isArray(value) ? ([...value] as never) : { ...(value as object) };
  if (rest.length) copy[key!] = replaced(copy[key!], rest, bad);
  else if (bad === LEFT_OUT) delete copy[key!];
  else copy[key!] = bad;
  return copy;
}

function describeValue(value: unknown): string {
  if (value === LEFT_OUT) return 'left out';
  if (value === HUGE_STRING) return 'a 1 MB string';
  if (value === HUGE_ARRAY) return 'an array of 200,000 numbers';
  if (typeof value === 'bigint') return `${value}n`;
  if (value instanceof Map) return 'a Map';
  return JSON.stringify(value) ?? String(value);
}

const TIME_LIMIT_MS = 20_000;

/** The outcome of one call: fine (answered or refused with a LocketError), or what went wrong. */
async function problemWith(service: LocketService, name: RequestName, args: unknown): Promise<string | null> {
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<'hang'>((resolve) => (timer = setTimeout(() => resolve('hang'), TIME_LIMIT_MS)));
  try {
    const call = (service[name] as (a: unknown) => Promise<unknown>)(args);
    if ((await Promise.race([call, hang])) === 'hang') return 'no answer';
    return null;
  } catch (error) {
    if (!(error instanceof LocketError)) return `${(error as Error)?.name}: ${(error as Error)?.message}`;
    if (error.code === 'internal') return `internal: ${error.message}`;
    if (typeof error.message !== 'string' || error.message === '') return `${error.code} without a message`;
    return null;
  } finally {
    clearTimeout(timer);
  }
}

let service: LocketService;

const startedIn = process.cwd();

beforeAll(async () => {
  // Relative paths among the malformed ones resolve here, never in the repository.
  process.chdir(folder);
  const { session } = await VaultSession.create(vaultPath, TEST_PASSPHRASE, testKdf);
  await session.lock();
  // No printer: an export that got through would not look for a Chromium.
  service = createLocketService({
    sessionOptions: testKdf,
    configDir: null,
    pdfPrinter: null,
    samplePath: resolve(startedIn, 'resources/sample/wxid_locket_demo'),
  });
});

afterAll(async () => {
  await service.dispose();
  process.chdir(startedIn);
});

describe('malformed arguments to every request, through the real service', () => {
  it('covers every request of the contract', () => {
    expect(Object.keys(WELL_FORMED).sort()).toEqual([...requestNames].sort());
  });

  it.each(requestNames.map((name) => [name]))('%s answers or refuses cleanly', async (name) => {
    const problems: string[] = [];
    for (const { what, args } of malformed(WELL_FORMED[name])) {
      // Each call starts with the vault unlocked, so the arguments reach the handler's own checks.
      if ((await service['vault.status']()).state !== 'unlocked')
        await service['vault.unlock']({ path: vaultPath, passphrase: TEST_PASSPHRASE });
      const problem = await problemWith(service, name, args);
      if (problem) problems.push(`${what}: ${problem.slice(0, 200)}`);
    }
    expect(problems).toEqual([]);
  });
});
