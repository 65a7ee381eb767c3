import { basename, dirname, join, resolve } from 'node:path';
import { inNumericOrder, isFile, readDirNames } from '../source-files';

/** The files of one PC WeChat 3.x account folder (WECHAT-FORMATS.md §2.1). Labels are relative to `accountRoot`. */
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
    inNumericOrder(multi, new RegExp(`^${prefix}(\\d+)\\.db$`)).map((name) => ({ absPath: join(accountRoot, 'Msg', 'Multi', name), label: `Msg/Multi/${name}` }));
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
  };
}

/** Every database of the layout, in the order the reader opens them. */
export function allFiles(layout: Pc3Layout): SourceFile[] {
  const { image, video, file } = layout.hardLinks;
  return [layout.microMsg, ...layout.messageDbs, ...layout.mediaDbs, image, video, file].filter((f): f is SourceFile => f !== null);
}
