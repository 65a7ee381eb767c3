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
  /** Generations this computer wrote to backup folders (`backup.run`), newest last: opening one is not a rollback. */
  backups?: number[];
}

/** How many backup generations are remembered per vault. */
const MAX_BACKUP_GENERATIONS = 50;

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

/** Whether this computer wrote `generation` of `vaultId` to a backup folder. */
export async function isBackupGeneration(file: string, vaultId: string, generation: number): Promise<boolean> {
  const backups = (await readSeen(file)).vaults[vaultId]?.backups;
  return Array.isArray(backups) && backups.includes(generation);
}

/**
 * Remembers `generation` for `vaultId` unless a higher one is remembered already (the record never goes back, so
 * the warning repeats until the vault passes what was seen). Best effort: errors are swallowed.
 */
export function rememberGeneration(file: string, vaultId: string, generation: number, now: number): Promise<void> {
  return updateSeen(file, vaultId, (previous) =>
    previous && previous.generation >= generation ? null : { ...previous, generation, seenAt: now },
  );
}

/** Remembers that a backup folder now holds `generation` of `vaultId` (backup/run-backup.ts). Best effort. */
export function rememberBackupGeneration(
  file: string,
  vaultId: string,
  generation: number,
  now: number,
): Promise<void> {
  return updateSeen(file, vaultId, (previous) => ({
    generation: Math.max(previous?.generation ?? generation, generation),
    seenAt: previous?.seenAt ?? now,
    backups: [...(previous?.backups ?? []).filter((g) => g !== generation), generation].slice(-MAX_BACKUP_GENERATIONS),
  }));
}

/**
 * After a restore the person chose with the passphrase (backup/restore-backup.ts), the restored generation is the
 * vault's history from here on: the record goes back to it, the one time it ever goes down. Best effort.
 */
export function resetGeneration(file: string, vaultId: string, generation: number, now: number): Promise<void> {
  return updateSeen(file, vaultId, (previous) => ({
    generation,
    seenAt: now,
    // Backups of generations above it belong to the history the restore left behind.
    backups: (previous?.backups ?? []).filter((g) => g <= generation),
  }));
}

async function updateSeen(
  file: string,
  vaultId: string,
  change: (previous: SeenEntry | undefined) => SeenEntry | null,
): Promise<void> {
  try {
    const seen = await readSeen(file);
    const next = change(seen.vaults[vaultId]);
    if (!next) return;
    seen.vaults[vaultId] = next;
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

export function backupNote(generation: number, seen: number): string {
  return (
    `This folder is a backup this computer made of the vault, at generation ${generation}; the vault has reached generation ${seen} since. ` +
    'What was committed after the backup (imports, holds, audit entries, wipes) is not in it.'
  );
}
