import { describe, expect, it } from 'vitest';
import { Pc3Reader } from '../../../electron/core/importing/pc3/read-pc3';
import { Pc4Reader } from '../../../electron/core/importing/pc4/read-pc4';
import { IosBackupReader } from '../../../electron/core/importing/ios/read-ios-backup';
import type { SourceMessage, SourceReader } from '../../../electron/core/importing/model';
import { prepareMessage } from '../../../electron/core/importing/prepare-for-vault';
import { RAW_LAYOUTS, expandRaw } from '../../../electron/core/importing/raw-layouts';
import { generateIosBackup } from '../../fixtures/generate-ios-backup';
import { generatePc3Backup } from '../../fixtures/generate-pc3-backup';
import { generatePc4Backup } from '../../fixtures/generate-pc4-backup';
import { messagesOf, readUntilError } from '../../helpers/read-source';
import { tempDir } from '../../helpers/temp-dir';

/** What the vault kept before column lists had names, and what `expandRaw` must give back. */
const asObject = (m: SourceMessage) => ({
  file: m.sourceFile,
  ...('localId' in m.raw ? {} : { localId: m.localId }),
  ...m.raw,
});

async function messages(reader: SourceReader): Promise<SourceMessage[]> {
  const { records, error } = await readUntilError(reader);
  expect(error).toBeNull();
  return messagesOf(records);
}

describe('raw source rows stored by column list', () => {
  it('pins every released list: stored rows depend on them', () => {
    expect(RAW_LAYOUTS).toEqual({
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
    });
  });

  it.each([
    ['PC 3.x', 'pc3.MSG@1', async () => new Pc3Reader((await generatePc3Backup(tempDir())).accountRoot)],
    ['4.x', 'pc4.Msg@1', async () => new Pc4Reader((await generatePc4Backup(tempDir())).accountRoot)],
  ] as const)(
    'keeps every %s row whole: expanded, the stored values are the row with its column names',
    async (_name, layout, open) => {
      const all = await messages(await open());
      expect(all.length).toBeGreaterThan(10);
      for (const m of all) {
        expect(m.rawLayout).toBe(layout);
        // The row has exactly the list's columns, in its order: values line up with names.
        expect(Object.keys(m.raw)).toEqual(RAW_LAYOUTS[layout]);
        const stored = prepareMessage(m).rawJson;
        expect(JSON.parse(stored)).toMatchObject({
          file: m.sourceFile,
          layout,
          values: RAW_LAYOUTS[layout].map((c) => m.raw[c]),
        });
        expect(expandRaw(stored)).toEqual(asObject(m));
        // Shorter than the object it stands for, by at least the column names.
        expect(stored.length).toBeLessThan(
          JSON.stringify(asObject(m)).length - RAW_LAYOUTS[layout].join('').length + 40,
        );
      }
    },
  );

  it('stores rows of readers without a list as objects, which expand to themselves', async () => {
    const all = await messages(new IosBackupReader((await generateIosBackup(tempDir())).root));
    for (const m of all.slice(0, 20)) {
      expect(m.rawLayout).toBeUndefined();
      expect(expandRaw(prepareMessage(m).rawJson)).toEqual(asObject(m));
    }
  });

  it('refuses a row naming a list it does not know, or with values that do not line up', () => {
    expect(() => expandRaw('{"file":"a","layout":"pc9.MSG@1","values":[1]}')).toThrow(/pc9\.MSG@1/);
    expect(() => expandRaw('{"file":"a","layout":"pc3.MSG@1","values":[1, 2]}')).toThrow(/pc3\.MSG@1/);
  });
});
