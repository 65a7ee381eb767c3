import { basename, dirname, join, resolve } from 'node:path';
import { inNumericOrder, isFile, readDirNames } from '../reader-kit/source-files';

/** A database of the account, with its `-wal` file when one lies beside it (docs/wechat-formats.md §3.2). */
export interface Pc4File {
  absPath: string;
  /** Relative to the account root with `/` separators, e.g. `db_storage/message/message_0.db`. */
  label: string;
  wal: { absPath: string; label: string } | null;
}

/** The files of one WeChat 4.x account folder (`xwechat_files/<account>/`, §3.1). */
export interface Pc4Layout {
  /** The account folder: it holds `db_storage/` and `msg/` (media). Media paths resolve under it. */
  accountRoot: string;
  /** `db_storage/message/message_N.db` in numeric order; the reader re-sorts them by their TimeStamp. */
  messageDbs: Pc4File[];
  /**
   * `db_storage/message/biz_message_N.db` in numeric order: official accounts' (`gh_…`) messages, in the same
   * `Msg_<md5>` tables with `Name2Id` (MemoTrace `db_v4/biz_message.py`; WeChatDataAnalysis `routers/biz.py`).
   */
  bizMessageDbs: Pc4File[];
  /** `db_storage/message/media_N.db` in numeric order (voice, §3.6). */
  mediaDbs: Pc4File[];
  contact: Pc4File | null;
  session: Pc4File | null;
  hardlink: Pc4File | null;
}

const DB_STORAGE = 'db_storage';
/** Only the time partitions: `message_fts.db`, `message_revoke.db` and `biz_message_N.db` do not match. */
const MESSAGE_DB = /^message_(\d+)\.db$/;
const BIZ_MESSAGE_DB = /^biz_message_(\d+)\.db$/;
const MEDIA_DB = /^media_(\d+)\.db$/;

/**
 * The account root for what the user picked: the account folder (it holds `db_storage/message/message_0.db`) or
 * its `db_storage` folder, whose parent is then the account root so `msg/attach/…` media can still be found.
 */
export async function findPc4AccountRoot(picked: string): Promise<string | null> {
  const path = resolve(picked);
  if (await isFile(join(path, DB_STORAGE, 'message', 'message_0.db'))) return path;
  if (basename(path) === DB_STORAGE && (await isFile(join(path, 'message', 'message_0.db')))) return dirname(path);
  return null;
}

/** Lists the databases to read. Names come from the file system, never from backup data. */
export async function locatePc4(accountRoot: string): Promise<Pc4Layout> {
  const messageNames = await readDirNames(join(accountRoot, DB_STORAGE, 'message'));
  const numbered = (pattern: RegExp): Promise<Pc4File[]> =>
    Promise.all(
      inNumericOrder(messageNames, pattern).map((name) => pc4File(accountRoot, `${DB_STORAGE}/message/${name}`)),
    );
  const optional = async (label: string): Promise<Pc4File | null> =>
    (await isFile(join(accountRoot, ...label.split('/')))) ? pc4File(accountRoot, label) : null;
  return {
    accountRoot,
    messageDbs: await numbered(MESSAGE_DB),
    bizMessageDbs: await numbered(BIZ_MESSAGE_DB),
    mediaDbs: await numbered(MEDIA_DB),
    contact: await optional(`${DB_STORAGE}/contact/contact.db`),
    session: await optional(`${DB_STORAGE}/session/session.db`),
    hardlink: await optional(`${DB_STORAGE}/hardlink/hardlink.db`),
  };
}

async function pc4File(accountRoot: string, label: string): Promise<Pc4File> {
  const absPath = join(accountRoot, ...label.split('/'));
  const walPath = `${absPath}-wal`;
  return { absPath, label, wal: (await isFile(walPath)) ? { absPath: walPath, label: `${label}-wal` } : null };
}
