import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { MessageView } from '../../electron/ipc/contract';
import { createLocketService } from '../../electron/core/service';
import { KDF_TEST_PARAMS } from '../../electron/core/vault/kdf';
import { generateAndroidBackup } from '../fixtures/generate-android-backup';
import { generateExports, pcmWav } from '../fixtures/generate-exports';
import { generateIosBackup } from '../fixtures/generate-ios-backup';
import { generatePc3Backup } from '../fixtures/generate-pc3-backup';
import { generatePc4Backup } from '../fixtures/generate-pc4-backup';
import type { VaultVector } from '../fixtures/generate-vault-vectors';
import { locket } from '../helpers/cli';
import { tempDir } from '../helpers/temp-dir';

/**
 * tools/read_vault.py is a second reader of the vault format, written from FORMAT.md alone. It must read what the
 * CLI writes exactly as `locket messages --json` does, decrypt every media item to the bytes Locket reads, and
 * accept or refuse each test vector as the vector says.
 */

const READER = join(process.cwd(), 'tools', 'read_vault.py');
const PASSPHRASE = 'a long enough passphrase for the second reader';

/** Debian's python3 first (python3-nacl installs there), then whatever `python3` is on PATH. */
function findPython(): string | null {
  for (const candidate of ['/usr/bin/python3', 'python3']) {
    const probe = spawnSync(candidate, ['-c', 'import nacl.bindings'], { encoding: 'utf8' });
    if (probe.status === 0) return candidate;
  }
  return null;
}

const python = findPython();
const isCi = Boolean(process.env.CI);
if (!python && !isCi)
  console.warn('second-reader.test.ts skipped: no python3 with PyNaCl (apt-get install python3-nacl).');

interface ReaderRun {
  code: number;
  stdout: string;
  stderr: string;
  /** From the reader's `error [code] file: message` line. */
  error: { code: string; file: string | null } | null;
}

function readVault(vault: string, out: string, secret: VaultVector['secret'] = { passphrase: PASSPHRASE }): ReaderRun {
  if (!python) throw new Error('No python3 with PyNaCl: apt-get install python3-nacl');
  const env: NodeJS.ProcessEnv = { ...process.env };
  delete env.LOCKET_PASSPHRASE;
  delete env.LOCKET_RECOVERY_CODE;
  if ('passphrase' in secret) env.LOCKET_PASSPHRASE = secret.passphrase;
  else env.LOCKET_RECOVERY_CODE = secret.recoveryCode;
  const run = spawnSync(python, [READER, vault, out], { env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  const match = /^error \[([a-z-]+)\](?: (\S+))?:/m.exec(run.stderr);
  return {
    code: run.status ?? -1,
    stdout: run.stdout,
    stderr: run.stderr,
    error: match ? { code: match[1]!, file: match[2] ?? null } : null,
  };
}

function jsonLines(text: string): Record<string, unknown>[] {
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

async function cliMessages(vault: string): Promise<Record<string, unknown>[]> {
  const run = await locket(['messages', vault, '--json'], { LOCKET_PASSPHRASE: PASSPHRASE });
  expect(run.code, run.stderr).toBe(0);
  return jsonLines(run.stdout);
}

/** Every media id the messages reference, and the bytes Locket's core reads for each. */
async function coreMedia(vault: string, messages: Record<string, unknown>[]): Promise<Map<string, Uint8Array>> {
  const ids = new Set<string>();
  for (const m of messages) {
    const refs = (m.payload as { media?: MessageView['media'] }).media ?? [];
    for (const ref of refs) if (ref.mediaId) ids.add(ref.mediaId);
  }
  const service = createLocketService({ sessionOptions: { kdf: KDF_TEST_PARAMS, recoveryKdf: KDF_TEST_PARAMS } });
  const bytes = new Map<string, Uint8Array>();
  try {
    await service['vault.unlock']({ path: vault, passphrase: PASSPHRASE });
    for (const id of ids) bytes.set(id, (await service['media.get']({ mediaId: id })).bytes);
  } finally {
    await service.dispose();
  }
  return bytes;
}

/** The reader's media files by media id (its names are the id plus an extension). */
function readerMedia(out: string): Map<string, Buffer> {
  const dir = join(out, 'media');
  return new Map(readdirSync(dir).map((name) => [name.replace(/\..*$/, ''), readFileSync(join(dir, name))]));
}

/** A mono 16-bit PCM WAV file holding `size` bytes of samples (several 64 KiB chunks in the vault). */
function wavOf(size: number): Uint8Array {
  const samples = Buffer.alloc(size);
  for (let i = 0; i < size; i++) samples[i] = (i * 31 + (i >> 8)) & 0xff;
  return pcmWav(samples);
}

async function vaultOf(paths: string[]): Promise<string> {
  const vault = join(tempDir(), 'Second reader.locket');
  const env = { LOCKET_PASSPHRASE: PASSPHRASE };
  expect((await locket(['init', vault], env)).code).toBe(0);
  for (const path of paths) {
    const run = await locket(['import', vault, path], env);
    expect(run.code, run.stderr).toBe(0);
  }
  return vault;
}

/** Reads `vault` with the Python reader and checks it against the CLI and the core; returns the counts. */
async function compareWithLocket(vault: string): Promise<{ messages: number; media: number; largest: number }> {
  const out = join(tempDir(), 'out');
  const run = readVault(vault, out);
  expect(run.code, run.stderr).toBe(0);
  const expected = await cliMessages(vault);
  const actual = jsonLines(readFileSync(join(out, 'messages.jsonl'), 'utf8'));
  expect(actual).toEqual(expected);
  const core = await coreMedia(vault, expected);
  const written = readerMedia(out);
  // Every item a message references was written, byte for byte what Locket reads.
  for (const [id, bytes] of core) {
    expect(written.has(id), `media ${id}`).toBe(true);
    expect(Buffer.compare(written.get(id)!, Buffer.from(bytes)), `media ${id}`).toBe(0);
  }
  expect(written.size).toBeGreaterThanOrEqual(core.size);
  const largest = Math.max(0, ...[...core.values()].map((bytes) => bytes.length));
  return { messages: actual.length, media: core.size, largest };
}

describe.skipIf(!python && !isCi)('tools/read_vault.py, the second reader of the vault format', () => {
  it('finds a python3 with PyNaCl (apt-get install python3-nacl)', () => {
    expect(python, 'no python3 can import nacl: apt-get install python3-nacl').not.toBeNull();
  });

  it('reads a PC WeChat 3.x vault with media as the CLI and the core do', async () => {
    const { accountRoot } = await generatePc3Backup(tempDir());
    const counts = await compareWithLocket(await vaultOf([accountRoot]));
    expect(counts.messages).toBeGreaterThan(0);
    expect(counts.media).toBeGreaterThan(0);
  });

  it('reads a PC WeChat 4.x vault with media', async () => {
    const { accountRoot } = await generatePc4Backup(tempDir());
    const counts = await compareWithLocket(await vaultOf([accountRoot]));
    expect(counts.media).toBeGreaterThan(0);
  });

  it('reads an iPhone vault with media', async () => {
    const root = tempDir();
    await generateIosBackup(root);
    const counts = await compareWithLocket(await vaultOf([root]));
    expect(counts.media).toBeGreaterThan(0);
  });

  it('reads an Android vault with media', async () => {
    const { userDir } = await generateAndroidBackup(tempDir());
    const counts = await compareWithLocket(await vaultOf([userDir]));
    expect(counts.media).toBeGreaterThan(0);
  });

  it("reads a vault of other tools' exports (PyWxDump CSV with media, ChatLab JSON), a media item of many chunks", async () => {
    const root = tempDir();
    const { pyWxDumpCsv, chatLabGroupJson, media } = generateExports(root);
    // The voice message's WAV grown to several 64 KiB chunks, so the streamed path meets MESSAGE chunks too.
    const wav = Object.keys(media).find((path) => path.endsWith('.wav'))!;
    writeFileSync(join(dirname(pyWxDumpCsv), ...wav.split(/[\\/]/)), wavOf(200_000));
    const vault = await vaultOf([pyWxDumpCsv, chatLabGroupJson]);
    const counts = await compareWithLocket(vault);
    expect(counts.messages).toBeGreaterThan(0);
    expect(counts.largest).toBeGreaterThan(3 * 65536);
  });

  it('reads a rekeyed vault with its passphrase and its new recovery code, and refuses an old header copy', async () => {
    const { accountRoot } = await generatePc3Backup(tempDir());
    const vault = await vaultOf([accountRoot]);
    const oldHeader = readFileSync(join(vault, 'locket.header'));
    const rekey = await locket(['passwd', vault, '--rekey', '--json'], {
      LOCKET_PASSPHRASE: PASSPHRASE,
      LOCKET_NEW_PASSPHRASE: PASSPHRASE,
    });
    expect(rekey.code, rekey.stderr).toBe(0);
    const { recoveryCode } = rekey.json<{ recoveryCode: string }>();
    await compareWithLocket(vault);
    const out = join(tempDir(), 'out');
    expect(readVault(vault, out, { recoveryCode }).code).toBe(0);
    expect(jsonLines(readFileSync(join(out, 'messages.jsonl'), 'utf8'))).toEqual(await cliMessages(vault));
    // The header from before the rekey still opens its old root key, which unwraps nothing in the new catalog.
    const copy = join(tempDir(), 'Old header.locket');
    cpSync(vault, copy, { recursive: true });
    writeFileSync(join(copy, 'locket.header'), oldHeader);
    const refused = readVault(copy, join(tempDir(), 'out'));
    expect(refused.code).toBe(4);
    expect(refused.error).toEqual({ code: 'vault-corrupt', file: 'catalog.lkt' });
  });

  it('reads the catalog a commit interrupted after its commit point left in catalog.lkt.next, changing nothing', async () => {
    const { accountRoot } = await generatePc3Backup(tempDir());
    const vault = await vaultOf([accountRoot]);
    const before = readFileSync(join(vault, 'catalog.lkt'));
    const { userDir } = await generateAndroidBackup(tempDir());
    expect((await locket(['import', vault, userDir], { LOCKET_PASSPHRASE: PASSPHRASE })).code).toBe(0);
    // The new header is in place, the new catalog still waits under its temporary name.
    const crashed = join(tempDir(), 'Crashed.locket');
    cpSync(vault, crashed, { recursive: true });
    writeFileSync(join(crashed, 'catalog.lkt.next'), readFileSync(join(vault, 'catalog.lkt')));
    writeFileSync(join(crashed, 'catalog.lkt'), before);
    const out = join(tempDir(), 'out');
    const run = readVault(crashed, out);
    expect(run.code, run.stderr).toBe(0);
    expect(jsonLines(readFileSync(join(out, 'messages.jsonl'), 'utf8'))).toEqual(await cliMessages(vault));
    expect(readFileSync(join(crashed, 'catalog.lkt')).equals(before)).toBe(true);
    expect(existsSync(join(crashed, 'catalog.lkt.next'))).toBe(true);
  });

  it('refuses a wrong passphrase and writes nothing', async () => {
    const { accountRoot } = await generatePc3Backup(tempDir());
    const vault = await vaultOf([accountRoot]);
    const out = join(tempDir(), 'out');
    const run = readVault(vault, out, { passphrase: 'not it' });
    expect(run.code).toBe(3);
    expect(run.error).toEqual({ code: 'wrong-passphrase', file: null });
    expect(existsSync(out)).toBe(false);
  });
});

const vectorsDir = join(process.cwd(), 'test', 'vectors');
const vectorFiles = readdirSync(vectorsDir).filter((name) => name.endsWith('.json'));

function materialize(vector: VaultVector): string {
  const dir = join(tempDir(), 'Vector.locket');
  for (const [path, base64] of Object.entries(vector.files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), Buffer.from(base64, 'base64'));
  }
  return dir;
}

describe.skipIf(!python && !isCi)('tools/read_vault.py on the test vectors', () => {
  it.each(vectorFiles)('%s gives its expected outcome', (file) => {
    const vector = JSON.parse(readFileSync(join(vectorsDir, file), 'utf8')) as VaultVector;
    const out = join(tempDir(), 'out');
    const run = readVault(materialize(vector), out, vector.secret);
    const expected = vector.expect;
    if (expected.outcome === 'ok') {
      expect(run.code, run.stderr).toBe(0);
      expect(jsonLines(readFileSync(join(out, 'messages.jsonl'), 'utf8')).length).toBe(expected.messages);
      expect(readdirSync(join(out, 'media')).length).toBe(expected.mediaFiles);
      return;
    }
    expect(run.code, run.stderr).not.toBe(0);
    expect(run.error, run.stderr).toEqual({ code: expected.code, file: expected.file ?? null });
    // A refused vault leaves nothing behind: no messages, no media, not even provisional files.
    expect(existsSync(out)).toBe(false);
  });

  it('the valid vector reads as the CLI reads it', async () => {
    const vector = JSON.parse(readFileSync(join(vectorsDir, 'valid-vault.json'), 'utf8')) as VaultVector;
    const vault = materialize(vector);
    const out = join(tempDir(), 'out');
    expect(readVault(vault, out, vector.secret).code).toBe(0);
    const passphrase = (vector.secret as { passphrase: string }).passphrase;
    const cli = await locket(['messages', vault, '--json'], { LOCKET_PASSPHRASE: passphrase });
    expect(cli.code, cli.stderr).toBe(0);
    expect(jsonLines(readFileSync(join(out, 'messages.jsonl'), 'utf8'))).toEqual(jsonLines(cli.stdout));
  });
});
