import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

/**
 * Outside the vault folder (Locket's config folder), the highest commit generation this computer has seen of each
 * vault, by vault id. A whole vault folder restored from an older copy (header and catalog together) is consistent
 * and opens; this record is what notices it went back in time, and a warning (never an error) says so
 * (FORMAT.md, "Catalog binding").
 */

export const SEEN_GENERATIONS_FILE = 'seen-generations.json';

/** `LOCKET_CONFIG_DIR` when set, else the platform's per-user config folder + `locket`. */
export function defaultConfigDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.LOCKET_CONFIG_DIR) return env.LOCKET_CONFIG_DIR;
  if (process.platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'locket');
  if (process.platform === 'darwin') return join(homedir(), 'Library', 'Application Support', 'locket');
  return join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'locket');
}

interface SeenEntry {
  generation: number;
  seenAt: number;
}

interface SeenFile {
  vaults: Record<string, SeenEntry>;
}

async function readSeen(file: string): Promise<SeenFile> {
  try {
    const parsed = JSON.parse(await fs.readFile(file, 'utf8')) as Partial<SeenFile>;
    return { vaults: parsed && typeof parsed.vaults === 'object' && parsed.vaults ? parsed.vaults : {} };
  } catch {
    // Missing or unreadable: nothing remembered. Losing this record only weakens a warning.
    return { vaults: {} };
  }
}

/** The highest generation remembered for `vaultId`, or null. */
export async function seenGeneration(file: string, vaultId: string): Promise<number | null> {
  const entry = (await readSeen(file)).vaults[vaultId];
  return entry && Number.isSafeInteger(entry.generation) ? entry.generation : null;
}

/**
 * Remembers `generation` for `vaultId` unless a higher one is remembered already (the record never goes back, so
 * the warning repeats until the vault passes what was seen). Best effort: errors are swallowed.
 */
export async function rememberGeneration(
  file: string,
  vaultId: string,
  generation: number,
  now: number,
): Promise<void> {
  try {
    const seen = await readSeen(file);
    const previous = seen.vaults[vaultId];
    if (previous && previous.generation >= generation) return;
    seen.vaults[vaultId] = { generation, seenAt: now };
    await fs.mkdir(dirname(file), { recursive: true, mode: 0o700 });
    // A unique temporary name: another Locket process may write the same record at the same time; the last
    // rename wins, which at worst forgets a generation (a weaker warning), never invents one.
    const tmp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
    await fs.writeFile(tmp, `${JSON.stringify(seen, null, 2)}\n`, { mode: 0o600 });
    await fs.rename(tmp, file).catch(async (error: unknown) => {
      await fs.rm(tmp, { force: true });
      throw error;
    });
  } catch {
    // The vault itself is fine; only the record of it could not be kept.
  }
}

export function rollbackWarning(dir: string, generation: number, seen: number, file: string): string {
  return (
    `This vault folder is older than the copy this computer last saw: it is at generation ${generation}, but generation ${seen} was seen before (${file}). ` +
    `The whole folder (${join(dir, 'locket.header')} and catalog.lkt together) was restored from an older copy, so anything committed since (holds, audit entries, imports) is missing from it. ` +
    `If you did not restore it yourself, find out who did.`
  );
}
