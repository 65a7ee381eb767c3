import { LocketError } from '../../errors';
import { md5Hex } from '../reader-kit/md5-hex';
import { readIosContacts, type IosContact } from './ios-contacts';
import { IosManifest } from './ios-manifest';
import { findIosOwner, type IosOwner } from './ios-owner';

export interface IosAccount {
  /** The account folder name: md5 of the owner's username (docs/wechat-formats.md §5.2). */
  id: string;
  owner: string | null;
  ownerName: string | null;
}

const ACCOUNT_DB = /^Documents\/([0-9a-f]{32})\/DB\/MM\.sqlite$/;
const MESSAGE_DB = /^DB\/(?:MM|message_(\d{1,4}))\.sqlite$/;

/** Account folders that hold a message database, sorted. */
export function findAccountIds(manifest: IosManifest): string[] {
  const ids = new Set<string>();
  for (const path of manifest.relativePaths()) {
    const match = ACCOUNT_DB.exec(path);
    if (match?.[1]) ids.add(match[1]);
  }
  return [...ids].sort();
}

/**
 * Picks the account to import. `requested` may be the folder hash or the owner's username. With several accounts
 * and none requested, the user must choose.
 */
export function chooseAccount(ids: string[], requested: string | undefined): string {
  if (requested !== undefined) {
    const id = /^[0-9a-f]{32}$/.test(requested) ? requested : md5Hex(requested);
    if (!ids.includes(id)) {
      throw new LocketError(
        'invalid-argument',
        `The iPhone backup has no WeChat account ${requested}. It has: ${ids.join(', ') || 'none'}.`,
        { accounts: ids.join(',') },
      );
    }
    return id;
  }
  if (ids.length === 0)
    throw new LocketError(
      'source-unrecognized',
      'This iPhone backup holds no WeChat messages (no Documents/<account>/DB/MM.sqlite in the WeChat app data).',
    );
  if (ids.length > 1) {
    throw new LocketError(
      'source-account-ambiguous',
      `This iPhone backup holds ${ids.length} WeChat accounts (${ids.join(', ')}). Choose the one to import.`,
      { accounts: ids.join(',') },
    );
  }
  return ids[0]!;
}

/** The account's message databases (relative paths): MM.sqlite first, then message_N.sqlite by N (§5.2). */
export function messageDbPaths(manifest: IosManifest, account: string): string[] {
  const prefix = `Documents/${account}/`;
  const found: { path: string; order: number }[] = [];
  for (const path of manifest.relativePaths()) {
    if (!path.startsWith(prefix)) continue;
    const match = MESSAGE_DB.exec(path.slice(prefix.length));
    if (match) found.push({ path, order: match[1] === undefined ? -1 : Number(match[1]) });
  }
  return found.sort((a, b) => a.order - b.order).map((f) => f.path);
}

export const contactDbPath = (account: string): string => `Documents/${account}/DB/WCDB_Contact.sqlite`;
export const sessionDbPath = (account: string): string => `Documents/${account}/session/session.db`;

/**
 * Reads the contacts of an account (when it has them) and finds its owner, falling back to the account files
 * (ios-owner.ts) when the owner has no contact row of their own.
 */
export async function describeAccount(
  manifest: IosManifest,
  account: string,
): Promise<{ owner: IosOwner | null; contacts: IosContact[]; contactsStoredPath: string | null }> {
  let contacts: IosContact[] = [];
  let contactsStoredPath: string | null = null;
  if (manifest.has(contactDbPath(account))) {
    const { db, storedPath } = await manifest.openDb(contactDbPath(account));
    try {
      contacts = readIosContacts(db);
      contactsStoredPath = storedPath;
    } finally {
      db.close();
    }
  }
  return { owner: await findIosOwner(manifest, account, contacts), contacts, contactsStoredPath };
}

/** The WeChat accounts in a backup, for the user to choose from. */
export async function listIosAccounts(root: string): Promise<IosAccount[]> {
  const manifest = await IosManifest.open(root);
  const accounts: IosAccount[] = [];
  for (const id of findAccountIds(manifest)) {
    const { owner } = await describeAccount(manifest, id);
    accounts.push({ id, owner: owner?.username ?? null, ownerName: owner?.name ?? null });
  }
  return accounts;
}
