import type { Database } from 'sql.js';
import { LocketError } from '../errors';
import { one, run, type ReadOnlyDatabase } from '../db/sqlite';
import type { MediaDetails } from './media-details';

export interface MediaRow {
  fileId: string;
  mime: string | null;
  byteSize: number;
  fileName: string | null;
  details: MediaDetails;
}

/** The catalog row of a media item; `invalid-argument` when the id is malformed or not in the vault (wiped). */
export function requireMediaRow(catalog: ReadOnlyDatabase, mediaId: unknown): MediaRow {
  if (typeof mediaId !== 'string' || !/^[0-9a-f]{32}$/.test(mediaId))
    throw new LocketError('invalid-argument', 'That is not a media id.');
  const row = one<{ mime: string | null; byte_size: number; file_name: string | null; details: string | null }>(
    catalog,
    'SELECT mime, byte_size, file_name, details FROM media WHERE file_id = ?',
    [mediaId],
  );
  if (!row) throw new LocketError('invalid-argument', 'This media item is not in the vault (it may have been wiped).');
  return {
    fileId: mediaId,
    mime: row.mime,
    byteSize: row.byte_size,
    fileName: row.file_name,
    details: row.details ? (JSON.parse(row.details) as MediaDetails) : {},
  };
}

/**
 * Records what the import learned about an item. Only empty columns are filled: an item met again keeps the name
 * it was first stored under, and one stored before details existed gains them.
 */
export function recordMediaDetails(
  catalog: Database,
  fileId: string,
  fileName: string | null,
  details: MediaDetails,
): void {
  const json = Object.keys(details).length ? JSON.stringify(details) : null;
  run(
    catalog,
    'UPDATE media SET file_name = coalesce(file_name, ?), details = coalesce(details, ?) WHERE file_id = ?',
    [fileName, json, fileId],
  );
}
