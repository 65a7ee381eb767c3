import { LocketError } from '../errors';

/**
 * Named column lists for the raw source rows the vault keeps. A reader whose rows always have the same columns
 * names its list (`SourceMessage.rawLayout`), and the row is stored as its values in that order instead of an
 * object repeating every column name: for a PC 3.x message that is 26 names, about two thirds of the raw row's
 * bytes. Stored rows refer to these names, so a list never changes once released: a reader that needs other
 * columns gets a new name (`@2`), and the old one stays here to read what is stored. The lists live here rather
 * than with their readers so that the model depends on no reader; a reader selects its list from here.
 * test/unit/importing/raw-layouts.test.ts pins every list.
 */
export const RAW_LAYOUTS = {
  /** The 26 columns of PC 3.x `MSG` (docs/wechat-formats.md §2.3). */
  'pc3.MSG@1': [
    'localId',
    'TalkerId',
    'MsgSvrID',
    'Type',
    'SubType',
    'IsSender',
    'CreateTime',
    'Sequence',
    'StatusEx',
    'FlagEx',
    'Status',
    'MsgServerSeq',
    'MsgSequence',
    'StrTalker',
    'StrContent',
    'DisplayContent',
    'Reserved0',
    'Reserved1',
    'Reserved2',
    'Reserved3',
    'Reserved4',
    'Reserved5',
    'Reserved6',
    'CompressContent',
    'BytesExtra',
    'BytesTrans',
  ],
  /** The 17 columns of a PC 4.x `Msg_<md5>` table (docs/wechat-formats.md §3.3). */
  'pc4.Msg@1': [
    'local_id',
    'server_id',
    'local_type',
    'sort_seq',
    'real_sender_id',
    'create_time',
    'status',
    'upload_status',
    'download_status',
    'server_seq',
    'origin_source',
    'source',
    'message_content',
    'compress_content',
    'packed_info_data',
    'WCDB_CT_message_content',
    'WCDB_CT_source',
  ],
} as const satisfies Record<string, readonly string[]>;

export type RawLayout = keyof typeof RAW_LAYOUTS;

type RawValue = string | number | null;

/**
 * A stored raw row (the `raw` column of a shard's `messages`) as the object it stands for: `{ file, localId,
 * ...columns }`. Rows stored by name (`{ file, localId?, layout, values }`) are expanded with their list.
 */
export function expandRaw(stored: string): Record<string, RawValue> {
  const row = JSON.parse(stored) as Record<string, RawValue> & { layout?: string; values?: RawValue[] };
  if (typeof row.layout !== 'string' || !Array.isArray(row.values)) return row;
  const columns: readonly string[] | undefined = RAW_LAYOUTS[row.layout as RawLayout];
  if (!columns)
    throw new LocketError(
      'vault-corrupt',
      `A stored source row names the column list ${row.layout}, which this version of Locket does not know.`,
    );
  if (columns.length !== row.values.length)
    throw new LocketError(
      'vault-corrupt',
      `A stored source row has ${row.values.length} values for the ${columns.length} columns of ${row.layout}.`,
    );
  const { layout: _layout, values, ...head } = row;
  const expanded: Record<string, RawValue> = { ...head };
  columns.forEach((column, i) => (expanded[column] = values[i]!));
  return expanded;
}
