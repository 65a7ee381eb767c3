import { findPc3AccountRoot } from './locate-pc3';

/**
 * True when `path` is a PC WeChat 3.x account folder (it holds `Msg/MicroMsg.db` or
 * `Msg/Multi/MSG0.db`) or that account's `Msg` folder (docs/wechat-formats.md §2.1). Whether the databases are still
 * encrypted is the reader's concern: it refuses them with `source-encrypted`.
 */
export async function isPc3Source(path: string): Promise<boolean> {
  return (await findPc3AccountRoot(path)) !== null;
}
