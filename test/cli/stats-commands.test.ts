import { describe, expect, it } from 'vitest';
import type { MessageStats } from '../../electron/ipc/contract';
import { ALICE, FAMILY, FILLERS_PER_MONTH, MONTHS } from '../helpers/search-vault';
import { locket } from '../helpers/cli';
import { lockedSearchVaultForFile } from '../helpers/cli-search-vault';
import { TEST_PASSPHRASE } from '../helpers/vault';

const PASS = { LOCKET_PASSPHRASE: TEST_PASSPHRASE };
const vault = lockedSearchVaultForFile();

describe('locket stats', () => {
  it('prints the vault’s messages per month and per person with bars', async () => {
    const run = await locket(['stats', vault.dir, '--time-zone', 'UTC'], PASS);
    expect(run.code).toBe(0);
    const total = MONTHS.flat().length + 4 * FILLERS_PER_MONTH;
    expect(run.stdout).toContain(`The vault: ${total} messages (months in UTC)`);
    expect(run.stdout).toMatch(/^ {2}2024-03 {2}\d+ {2}█+$/m);
    expect(run.stdout).toMatch(/^ {2}wxid_filler {5}600 {2}█{40}$/m);
    // Names line up in columns on a terminal, Chinese (two columns a character) included.
    expect(run.stdout).toMatch(/^ {2}小爱 {14}9 {2}█$/m);
    expect(run.stdout).toMatch(/^ {2}Me Myself \(me\) +\d+ {2}█+$/m);
  });

  it('counts one conversation in the zone asked for, as JSON with --json', async () => {
    const run = await locket(
      ['stats', vault.dir, '--conversation', ALICE.username, '--time-zone', 'Asia/Shanghai', '--json'],
      PASS,
    );
    expect(run.code).toBe(0);
    const stats = run.json<MessageStats>();
    // a6 is 04:00 on April 1st in Shanghai: April there, March in UTC.
    expect(stats.months.map((m) => [m.month, m.messages])).toEqual([
      ['2024-03', 5],
      ['2024-04', 6],
      ['2024-05', 0],
      ['2024-06', 2],
    ]);
    expect(stats.senders.map((s) => [s.displayName, s.messages])).toEqual([
      ['小爱', 9],
      ['Me Myself', 4],
    ]);
    const group = (
      await locket(['stats', vault.dir, '--conversation', String(FAMILY.id), '--top', '1', '--json'], PASS)
    ).json<MessageStats>();
    expect(group.senders).toEqual([{ username: 'wxid_bob', displayName: '老鲍', isSelf: false, messages: 3 }]);
    expect(group.others).toEqual({ people: 2, messages: 2 });
  });

  it('refuses a zone it does not know before asking for the passphrase', async () => {
    const run = await locket(['stats', vault.dir, '--time-zone', 'Nowhere/Land'], {});
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('is not a time zone');
  });
});
