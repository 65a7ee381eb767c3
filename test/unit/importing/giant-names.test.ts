import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  MAX_NAME_CHARS,
  NAME_TOO_LONG,
  boundIdentifier,
  boundName,
  boundRecordNames,
} from '../../../electron/core/importing/bound-names';
import { createLocketService } from '../../../electron/core/service';
import { KDF_TEST_PARAMS } from '../../../electron/core/vault/kdf';
import { MEMBER_A, ROOM } from '../../fixtures/exports-fixture-facts';
import { generateExports } from '../../fixtures/generate-exports';
import { tempDir } from '../../helpers/temp-dir';

/**
 * Giant names (issue 17): `npm run fuzz -- --seed 17 --case 664` spliced 8 MiB into a PyWxDump CSV's room_name,
 * which became a chat's username, was copied into every dedupe key, the catalog and twice into the report, and took
 * 28-62 s to import under load. A name past MAX_NAME_CHARS is now cut with a note and its row imported, and the CSV
 * tokenizer reads the cell at the speed of copying it.
 */
describe('names past their bound', () => {
  it('imports a PyWxDump CSV whose chat name and a nickname are megabytes long in about a second, cut with a note', async () => {
    const files = generateExports(tempDir('locket-giant-names-'));
    const csv = files.pyWxDumpCsv;
    // The attack as the fuzzer made it: 8 MiB inside one row's room_name.
    const lines = readFileSync(csv, 'utf8').split('\n');
    const row = lines.findIndex((line, i) => i > 0 && line.includes(`,${ROOM},`));
    const giantRoom = `${ROOM.slice(0, -2)}${'x'.repeat(8 * 1024 * 1024)}om`;
    lines[row] = lines[row]!.replace(`,${ROOM},`, `,${giantRoom},`);
    writeFileSync(csv, lines.join('\n'));
    // And a contact's nickname of 2M CJK characters ending in a lone surrogate, in users.json beside it.
    const usersPath = join(dirname(csv), 'users.json');
    const users = JSON.parse(readFileSync(usersPath, 'utf8')) as Record<string, { nickname: string }>;
    users[MEMBER_A]!.nickname = `${'长'.repeat(2 * 1024 * 1024)}\uD800`;
    writeFileSync(usersPath, JSON.stringify(users));

    const service = createLocketService({ sessionOptions: { kdf: KDF_TEST_PARAMS, recoveryKdf: KDF_TEST_PARAMS } });
    await service['vault.create']({ path: join(tempDir(), 'Giant.locket'), passphrase: 'giant names passphrase' });
    const started = performance.now();
    const report = await service['import.run']({ paths: [csv] });
    const ms = performance.now() - started;

    // Every message row the fixture has is imported, the giant one in a chat of its own (its name is its id).
    const plain = createLocketService({ sessionOptions: { kdf: KDF_TEST_PARAMS, recoveryKdf: KDF_TEST_PARAMS } });
    await plain['vault.create']({ path: join(tempDir(), 'Plain.locket'), passphrase: 'giant names passphrase' });
    const baseline = await plain['import.run']({ paths: [generateExports(tempDir('locket-plain-')).pyWxDumpCsv] });
    await plain.dispose();
    expect(report.imported).toBe(baseline.imported);
    expect(report.skipped).toEqual(baseline.skipped);
    // Cut, never silently: the chat's username on its message and its conversation record, the nickname.
    expect(report.notes[NAME_TOO_LONG]).toBeGreaterThanOrEqual(2);
    const cutRoom = boundIdentifier(giantRoom);
    expect(report.conversations.map((c) => c.conversation)).toContain(cutRoom);
    expect(JSON.stringify(report).length).toBeLessThan(64 * 1024);

    const conversations = await service['conversations.list']();
    const giant = conversations.find((c) => c.username === cutRoom);
    expect(giant?.messageCount).toBe(1);
    expect(conversations.every((c) => c.displayName.length <= MAX_NAME_CHARS)).toBe(true);
    const { messages } = await service['messages.list']({ conversationId: giant!.id, limit: 10 });
    expect(messages[0]!.payload).toMatchObject({ warnings: expect.arrayContaining([NAME_TOO_LONG]) });

    // The same cut on the next import: the file adds nothing.
    const again = await service['import.run']({ paths: [csv], full: true });
    expect(again.imported).toBe(0);
    expect(again.duplicates).toBe(baseline.imported);
    await service.dispose();

    // About a second alone on the build machine (28-62 s before under load); generous for a shared machine.
    expect(ms).toBeLessThan(8000);
  }, 60_000);

  it('keeps two long identifiers apart, and the same one the same, without splitting a surrogate pair', () => {
    const head = 'a'.repeat(MAX_NAME_CHARS * 2);
    const one = boundIdentifier(`${head}1`);
    expect(one).toHaveLength(MAX_NAME_CHARS);
    expect(one).not.toBe(boundIdentifier(`${head}2`));
    expect(one).toBe(boundIdentifier(`${head}1`));
    expect(boundIdentifier('wxid_short')).toBe('wxid_short');
    const emoji = boundName('😀'.repeat(MAX_NAME_CHARS));
    expect(emoji.endsWith('…')).toBe(true);
    expect(emoji.length).toBeLessThanOrEqual(MAX_NAME_CHARS);
    expect(emoji).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
  });

  it('cuts a group record: its name, its members and their group nicknames', () => {
    const long = 'n'.repeat(MAX_NAME_CHARS + 1);
    const group = {
      type: 'group' as const,
      username: ROOM,
      name: long,
      owner: null,
      members: [
        { username: MEMBER_A, groupNickname: long },
        { username: long, groupNickname: null },
      ],
    };
    const { record, wasCut } = boundRecordNames(group);
    expect(wasCut).toBe(true);
    expect(record.name).toBe(boundName(long));
    expect(record.members).toEqual([
      { username: MEMBER_A, groupNickname: boundName(long) },
      { username: boundIdentifier(long), groupNickname: null },
    ]);
    const short = { type: 'conversation' as const, username: ROOM, displayName: 'x', isGroup: true };
    expect(boundRecordNames(short)).toEqual({ record: short, wasCut: false });
  });
});
