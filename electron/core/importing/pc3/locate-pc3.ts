import { basename, dirname, join, resolve } from 'node:path';
import { inNumericOrder, isFile, readDirNames } from '../reader-kit/source-files';

/** The files of one PC WeChat 3.x account folder (docs/wechat-formats.md §2.1). Labels are relative to `accountRoot`. */
export interface Pc3Layout {
  /** The account folder (`WeChat Files\<wxid>`): it holds `Msg/` and `FileStorage/`. Media paths resolve under it. */
  accountRoot: string;
  microMsg: SourceFile | null;
  /** `Msg/Multi/MSGn.db` in numeric order: MSG0 is the oldest (§2.1). */
  messageDbs: SourceFile[];
  /** `Msg/Multi/MediaMSGn.db` in numeric order. */
  mediaDbs: SourceFile[];
  /** `Msg/HardLinkImage.db` and friends, when present (§2.8). */
  hardLinks: { image: SourceFile | null; video: SourceFile | null; file: SourceFile | null };
  /**
   * `Msg/PublicMsg.db`: official accounts' (`gh_…`) messages, table `PublicMsg` with the columns of `MSG` (PWD
   * `dbPublicMsg.py`, MemoTrace `db_v3/public_msg.py`).
   */
  publicMsg: SourceFile | null;
  /** `Msg/OpenIMMsg.db`: messages with WeCom contacts (`…@openim`), table `ChatCRMsg` (MemoTrace `db_v3/open_im_msg.py`). */
  openIMMsg: SourceFile | null;
  /** `Msg/OpenIMContact.db`: the WeCom contacts, table `OpenIMContact` (PWD `dbOpenIMContact.py`). */
  openIMContact: SourceFile | null;
}

export interface SourceFile {
  absPath: string;
  /** Relative to the account root with `/` separators, e.g. `Msg/Multi/MSG1.db`: names the file in errors. */
  label: string;
}

/**
 * Finds the account root from what the user picked: the account folder (contains `Msg/`) or the `Msg` folder
 * itself, in which case its parent is the account root so that `FileStorage/` media can still be found. Returns
 * null when neither holds `Msg/MicroMsg.db` or `Msg/Multi/MSG0.db`.
 */
export async function findPc3AccountRoot(picked: string): Promise<string | null> {
  const path = resolve(picked);
  if (await hasPc3Databases(join(path, 'Msg'))) return path;
  if (basename(path) === 'Msg' && (await hasPc3Databases(path))) return dirname(path);
  return null;
}

async function hasPc3Databases(msgDir: string): Promise<boolean> {
  return (await isFile(join(msgDir, 'MicroMsg.db'))) || (await isFile(join(msgDir, 'Multi', 'MSG0.db')));
}

/** Lists the databases the reader will read. Names come from the file system, never from backup data. */
export async function locatePc3(accountRoot: string): Promise<Pc3Layout> {
  const file = async (label: string): Promise<SourceFile | null> => {
    const absPath = join(accountRoot, ...label.split('/'));
    return (await isFile(absPath)) ? { absPath, label } : null;
  };
  const multi = await readDirNames(join(accountRoot, 'Msg', 'Multi'));
  const numbered = (prefix: string): SourceFile[] =>
    inNumericOrder(multi, new RegExp(`^${prefix}(\\d+)\\.db$`)).map((name) => ({
      absPath: join(accountRoot, 'Msg', 'Multi', name),
      label: `Msg/Multi/${name}`,
    }));
  return {
    accountRoot,
    microMsg: await file('Msg/MicroMsg.db'),
    messageDbs: numbered('MSG'),
    mediaDbs: numbered('MediaMSG'),
    hardLinks: {
      image: await file('Msg/HardLinkImage.db'),
      video: await file('Msg/HardLinkVideo.db'),
      file: await file('Msg/HardLinkFile.db'),
    },
    publicMsg: await file('Msg/PublicMsg.db'),
    openIMMsg: await file('Msg/OpenIMMsg.db'),
    openIMContact: await file('Msg/OpenIMContact.db'),
  };
}

/** Every database of the layout, in the order the reader opens them. */
export function allFiles(layout: Pc3Layout): SourceFile[] {
  const { image, video, file } = layout.hardLinks;
  return [
    layout.microMsg,
    layout.openIMContact,
    ...layout.messageDbs,
    layout.publicMsg,
    layout.openIMMsg,
    ...layout.mediaDbs,
    image,
    video,
    file,
  ].filter((f): f is SourceFile => f !== null);
}

/** A table of messages with the columns of `MSG` (§2.3), and the database holding it. */
export interface MessageSource {
  file: SourceFile;
  /** Names to try, in order: the first the file has is read. */
  tables: readonly string[];
  /** The main MSGn files must have the table; the others are skipped with a note when they lack it. */
  required: boolean;
}

/**
 * Every message table, in reading order: `MSG` of each MSGn.db, then `PublicMsg` of PublicMsg.db (PWD and
 * MemoTrace name it so; a copy whose table is called `MSG` is read too) and `ChatCRMsg` of OpenIMMsg.db, whose
 * columns are a subset of MSG's (no SubType, CompressContent or DisplayContent; MemoTrace reads the app-message type
 * from the XML).
 */
export function messageSources(layout: Pc3Layout): MessageSource[] {
  const sources: MessageSource[] = layout.messageDbs.map((file) => ({ file, tables: ['MSG'], required: true }));
  if (layout.publicMsg) sources.push({ file: layout.publicMsg, tables: ['PublicMsg', 'MSG'], required: false });
  if (layout.openIMMsg) sources.push({ file: layout.openIMMsg, tables: ['ChatCRMsg'], required: false });
  return sources;
}
