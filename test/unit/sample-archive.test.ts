import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  BYTES_EXTRA_SENDER,
  bytesExtraValue,
  decodeBytesExtra,
} from '../../electron/core/importing/pc3/decode-bytes-extra';
import { decompressLz4Block } from '../../electron/core/importing/pc3/decompress-lz4-block';
import { childElement, parseXml, textAt } from '../../electron/core/importing/reader-kit/xml';
import { all, loadSqlJs } from '../../electron/core/db/sqlite';
import { SAMPLE_ACCOUNT, generateSampleArchive } from '../fixtures/generate-sample-archive';
import { sharedTempDir } from '../helpers/temp-dir';

function files(root: string): Map<string, Buffer> {
  return new Map(
    readdirSync(root, { recursive: true, withFileTypes: true })
      .filter((f) => f.isFile())
      .map((f) => [relative(root, join(f.parentPath, f.name)), readFileSync(join(f.parentPath, f.name))]),
  );
}

interface MsgRow {
  svrid: string;
  Type: number;
  SubType: number;
  IsSender: number;
  CreateTime: number;
  StrTalker: string;
  StrContent: string | null;
  CompressContent: Uint8Array | null;
  BytesExtra: Uint8Array | null;
}

/** Every MSG row of every MSGn.db, read as the PC 3.x reader would find them on disk. */
async function msgRows(root: string): Promise<MsgRow[]> {
  const SQL = await loadSqlJs();
  const multi = join(root, 'Msg', 'Multi');
  return readdirSync(multi)
    .filter((name) => /^MSG\d+\.db$/.test(name))
    .flatMap((name) => {
      const db = new SQL.Database(readFileSync(join(multi, name)));
      try {
        // MsgSvrID is 64-bit: as a JS number it would round, and quotes refer to it exactly.
        return all<MsgRow>(
          db,
          'SELECT CAST(MsgSvrID AS TEXT) AS svrid, Type, SubType, IsSender, CreateTime, StrTalker, StrContent, CompressContent, BytesExtra FROM MSG',
        );
      } finally {
        db.close();
      }
    });
}

function appXml(row: MsgRow): string {
  const bytes = row.CompressContent && decompressLz4Block(row.CompressContent);
  if (!bytes) throw new Error(`message ${row.svrid} has no readable CompressContent`);
  return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
}

/** §1.3: the owner for sent rows, the peer in a 1:1 chat, the BytesExtra type-1 item in a group. */
function senderOf(row: MsgRow): string | null {
  if (row.IsSender === 1) return SAMPLE_ACCOUNT;
  if (!row.StrTalker.endsWith('@chatroom')) return row.StrTalker;
  return row.BytesExtra ? bytesExtraValue(decodeBytesExtra(row.BytesExtra), BYTES_EXTRA_SENDER) : null;
}

describe('the bundled sample archive', () => {
  let generated: string;
  let rows: MsgRow[];
  beforeAll(async () => {
    generated = await generateSampleArchive(sharedTempDir('locket-sample-'));
    rows = await msgRows(generated);
  });

  it('is exactly what its generator writes (run `npm run sample` after changing the generator)', () => {
    const fresh = files(generated);
    const committed = files(join(process.cwd(), 'resources', 'sample', SAMPLE_ACCOUNT));
    expect([...committed.keys()].sort()).toEqual([...fresh.keys()].sort());
    for (const [name, bytes] of fresh) expect(committed.get(name)!.equals(bytes), name).toBe(true);
  });

  it('keeps the XML of every app message (49/x) LZ4-compressed in CompressContent with StrContent empty, as PC 3.x does', () => {
    const apps = rows.filter((r) => r.Type === 49);
    // The sample's app messages: a link, a file and quotes; a rewrite that drops them should fail here.
    expect(new Set(apps.map((r) => r.SubType))).toEqual(new Set([5, 6, 57]));
    for (const row of apps) {
      expect(row.StrContent, row.svrid).toBe('');
      expect(row.CompressContent?.length, row.svrid).toBeGreaterThan(0);
      const xml = appXml(row);
      expect(xml, row.svrid).toMatch(/^(<msg|<\?xml)/);
      // The SubType column repeats appmsg/type (§2.3), so the two must agree.
      expect(textAt(childElement(parseXml(xml) ?? undefined, 'msg', 'appmsg'), 'type'), row.svrid).toBe(
        String(row.SubType),
      );
    }
  });

  it("names a quoted message's sender and time as WeChat does: in a group fromusr is the chatroom and chatusr the member", () => {
    const bySvrid = new Map(rows.map((r) => [r.svrid, r]));
    const quotes = rows.filter((r) => r.Type === 49 && r.SubType === 57);
    const groupQuotes = quotes.filter((r) => r.StrTalker.endsWith('@chatroom'));
    expect(groupQuotes.length).toBeGreaterThan(0);
    expect(quotes.length).toBeGreaterThan(groupQuotes.length);
    for (const row of quotes) {
      const refermsg = childElement(parseXml(appXml(row)) ?? undefined, 'msg', 'appmsg', 'refermsg');
      const quoted = bySvrid.get(textAt(refermsg, 'svrid') ?? '');
      expect(quoted?.StrTalker, row.svrid).toBe(row.StrTalker);
      // refermsg/createtime is when the quoted message was sent, in seconds like CreateTime.
      expect(textAt(refermsg, 'createtime'), row.svrid).toBe(String(quoted?.CreateTime));
      const quotedSender = quoted && senderOf(quoted);
      expect(quotedSender, row.svrid).toBeTruthy();
      if (row.StrTalker.endsWith('@chatroom')) {
        expect(textAt(refermsg, 'fromusr'), row.svrid).toBe(row.StrTalker);
        expect(textAt(refermsg, 'chatusr'), row.svrid).toBe(quotedSender);
      } else {
        // In a 1:1 chat fromusr is the quoted message's sender and chatusr stays empty.
        expect(textAt(refermsg, 'fromusr'), row.svrid).toBe(quotedSender);
        expect(textAt(refermsg, 'chatusr'), row.svrid).toBeUndefined();
      }
    }
  });
});
