import { describe, expect, it } from 'vitest';
import { FAMILY, FILLERS_PER_MONTH } from '../helpers/search-vault';
import { locket } from '../helpers/cli';
import { lockedSearchVaultForFile } from '../helpers/cli-search-vault';
import { TEST_PASSPHRASE } from '../helpers/vault';

const PASS = { LOCKET_PASSPHRASE: TEST_PASSPHRASE };
const vault = lockedSearchVaultForFile();

function jsonLines(stdout: string): Record<string, unknown>[] {
  return stdout
    .trim()
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('locket search', () => {
  it('prints each match newest first with its time, conversation and sender, the match in «guillemets»', async () => {
    const run = await locket(['search', vault.dir, '今天晚上'], PASS);
    expect(run.code).toBe(0);
    const lines = run.stdout.trim().split('\n');
    expect(lines).toEqual([
      expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2} {2}爱丽丝 Alice {2}· {2}小爱: «今天晚上»八点见$/),
      expect.stringMatching(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2} {2}爱丽丝 Alice {2}· {2}小爱: 我们«今天晚上»吃火锅$/),
      '2 matches.',
    ]);
  });

  it('marks matches in bold when colour is asked for', async () => {
    const run = await locket(['search', vault.dir, 'HOT POT'], { ...PASS, FORCE_COLOR: '1' });
    expect(run.stdout).toContain('me: \u001b[1mHot\u001b[22m \u001b[1mPot\u001b[22m tonight? 🍲');
  });

  it('prints one JSON object per line with --json, and the count on stderr', async () => {
    const run = await locket(['search', vault.dir, '火锅', '--json'], PASS);
    expect(run.code).toBe(0);
    const lines = jsonLines(run.stdout);
    expect(lines.map((l) => l.text)).toEqual(['周末一起吃火锅吗', 'Weekly digest', '我们今天晚上吃火锅']);
    expect(lines[0]).toMatchObject({
      conversation: FAMILY.username,
      conversationName: FAMILY.name,
      sender: 'wxid_bob',
      senderName: '老鲍',
      isSelf: false,
      kind: 'text',
    });
    expect(lines[0]!.snippet).toEqual({ text: '周末一起吃火锅吗', highlights: [[5, 7]] });
    expect(lines[1]!.snippet).toEqual({ text: 'Weekly digest 火锅 recipes', highlights: [[14, 16]] });
    expect(typeof lines[0]!.timeIso).toBe('string');
    expect(run.stderr).toBe('3 matches.\n');
  });

  it('searches one conversation given by id or username', async () => {
    const byUsername = await locket(['search', vault.dir, '火锅', '--conversation', FAMILY.username, '--json'], PASS);
    expect(jsonLines(byUsername.stdout).map((l) => l.text)).toEqual(['周末一起吃火锅吗']);
    const byId = await locket(['search', vault.dir, '火锅', '--conversation', String(FAMILY.id), '--json'], PASS);
    expect(byId.stdout).toBe(byUsername.stdout);
    const unknown = await locket(['search', vault.dir, '火锅', '--conversation', 'nobody'], PASS);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('No conversation "nobody"');
  });

  it('shows the newest N with --limit, and how many match in all with --count', async () => {
    const run = await locket(['search', vault.dir, '填充物', '--limit', '3'], PASS);
    const lines = run.stdout.trim().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[3]).toBe('More than 3 matches, newest 3 shown (--count counts them all).');
    const counted = await locket(['search', vault.dir, '填充物', '--limit', '3', '--count'], PASS);
    expect(counted.stdout.trim().split('\n').slice(0, 3)).toEqual(lines.slice(0, 3));
    expect(counted.stdout.trim().split('\n')[3]).toBe(`${4 * FILLERS_PER_MONTH} matches, newest 3 shown.`);
  });

  it('pages through the vault when --limit is larger than one page', async () => {
    const run = await locket(['search', vault.dir, '填充物', '--limit', '550', '--json'], PASS);
    const lines = jsonLines(run.stdout);
    expect(lines).toHaveLength(550);
    expect(new Set(lines.map((l) => l.id)).size).toBe(550);
    const times = lines.map((l) => l.time as number);
    expect(times).toEqual([...times].sort((a, b) => b - a));
  });

  it('takes a query that starts with a dash after --', async () => {
    const run = await locket(['search', vault.dir, '--json', '--', '-lunch dinner'], PASS);
    expect(run.code).toBe(0);
    expect(jsonLines(run.stdout).map((l) => l.text)).toEqual(['dinner 🍲']);
  });

  it('exits 2 and says what is wrong with a malformed query or limit', async () => {
    const query = await locket(['search', vault.dir, 'from: dinner'], PASS);
    expect(query.code).toBe(2);
    expect(query.stderr).toContain('from: needs a value');
    const limit = await locket(['search', vault.dir, 'dinner', '--limit', 'lots'], PASS);
    expect(limit.code).toBe(2);
    expect(limit.stderr).toContain('--limit takes a whole number');
  });

  it('says so when nothing matches', async () => {
    const run = await locket(['search', vault.dir, 'nothing-like-this'], PASS);
    expect(run.code).toBe(0);
    expect(run.stdout).toBe('0 matches.\n');
  });
});
