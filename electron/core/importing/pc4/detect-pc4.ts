import { findPc4AccountRoot } from './locate-pc4';

/**
 * True when `path` is a WeChat 4.x account folder (it holds `db_storage/message/message_0.db`) or that account's
 * `db_storage` folder (docs/wechat-formats.md §3.1). Whether the databases are still encrypted is the reader's concern:
 * it refuses them with `source-encrypted`.
 */
export async function isPc4Source(path: string): Promise<boolean> {
  return (await findPc4AccountRoot(path)) !== null;
}
