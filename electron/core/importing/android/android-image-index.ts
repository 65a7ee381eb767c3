import type { SourceDb } from '../reader-kit/open-source-db';
import { unsignedServerId } from '../reader-kit/server-id';
import { iterateRows, nonEmpty } from '../reader-kit/source-rows';

/** A placeholder for an image not yet downloaded; WD ignores it (docs/wechat-formats.md §4.3). */
const SERVER_ID_PLACEHOLDER = 'SERVERID://';

/**
 * `ImgInfo2`: message server id → `bigImgPath`, the full image's name under `image2/` (§4.3, §4.5; WD `res.py`).
 * Ids are read as text, so 64-bit ids stay exact; the first usable row for an id wins.
 */
export function readImageIndex(db: SourceDb): Map<string, string> {
  const index = new Map<string, string>();
  if (!db.tableNames().includes('ImgInfo2')) return index;
  const sql =
    'SELECT CAST(msgSvrId AS TEXT) AS svrid, bigImgPath FROM ImgInfo2 WHERE msgSvrId IS NOT NULL AND msgSvrId != 0 ORDER BY id';
  for (const row of iterateRows(db, sql)) {
    const svrid = unsignedServerId(nonEmpty(row.svrid));
    const path = nonEmpty(row.bigImgPath);
    if (svrid && path && !path.startsWith(SERVER_ID_PLACEHOLDER) && !index.has(svrid)) index.set(svrid, path);
  }
  return index;
}
