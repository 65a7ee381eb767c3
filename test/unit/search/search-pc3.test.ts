import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLocketService } from '../../../electron/core/service';
import { KDF_TEST_PARAMS } from '../../../electron/core/vault/kdf';
import type { SearchResultsEvent } from '../../../electron/ipc/contract';
import { GROUP, GROUP_TEXT, OWNER, SENDER, generatePc3Backup, svrid } from '../../fixtures/generate-pc3-backup';
import { tempDir } from '../../helpers/temp-dir';

describe('searching a vault imported from a PC WeChat 3.x backup', () => {
  it('finds what the import stored, through the service, with filters, snippets, events and context', async () => {
    const events: SearchResultsEvent[] = [];
    const service = createLocketService({
      sessionOptions: { kdf: KDF_TEST_PARAMS, recoveryKdf: KDF_TEST_PARAMS },
      emit: (event, payload) => {
        if (event === 'search.results') events.push(payload as SearchResultsEvent);
      },
    });
    const { accountRoot } = await generatePc3Backup(tempDir());
    await service['vault.create']({ path: join(tempDir(), 'Search.locket'), passphrase: 'search test passphrase' });
    await service['import.run']({ paths: [accountRoot] });
    const ids = async (query: string, extra: { conversationId?: number } = {}) =>
      (await service['search.query']({ query, timeZone: 'Asia/Shanghai', ...extra })).results.map(
        (h) => h.message.serverId,
      );

    // The group text, by a word inside a line, by its time and by its emoji.
    expect(await ids('明天')).toEqual([svrid(1)]);
    expect(await ids('10:00')).toEqual([svrid(1)]);
    expect(await ids('👋')).toEqual([svrid(1)]);
    // A link by its description, a file by its name, and the duplicate row once.
    expect(await ids('摘要')).toEqual([svrid(11)]);
    expect(await ids('报告 type:file')).toEqual([svrid(10)]);
    expect(await ids('DUPLICATE')).toEqual([svrid(7)]);
    // Senders by remark, nickname and wxid; conversations by name; the owner's messages.
    expect(await ids('from:"alice (work)" has:image')).toEqual([svrid(3)]);
    expect(await ids('from:爱丽丝 摘要')).toEqual([svrid(11)]);
    expect(await ids(`from:${SENDER} 开会`)).toEqual([svrid(1)]);
    expect(await ids('from:me 收到')).toEqual([svrid(2)]);
    expect(await ids('is:received 收到')).toEqual([]);
    expect(await ids(`in:${GROUP} ✅`)).toEqual([svrid(2)]);
    expect(await ids('has:voice')).toEqual([svrid(21), svrid(4)]);
    expect(await ids('during:2024-01-02 has:voice')).toEqual([svrid(21)]);

    const conversations = await service['conversations.list']();
    const group = conversations.find((c) => c.username === GROUP)!;
    expect(await ids('开会 OR 收到', { conversationId: group.id })).toEqual([svrid(2), svrid(1)]);

    const page = await service['search.query']({ query: '开会', requestId: 'r1' });
    const hit = page.results[0]!;
    expect(hit.message).toMatchObject({ conversation: GROUP, sender: SENDER, text: GROUP_TEXT });
    expect(hit.snippet.highlights.map(([s, e]) => hit.snippet.text.slice(s, e))).toEqual(['开会']);
    expect(events.filter((e) => e.requestId === 'r1').flatMap((e) => e.results)).toEqual(page.results);
    expect(events.filter((e) => e.requestId === 'r1').at(-1)).toMatchObject({ done: true, found: 1 });

    // Opened in its conversation: the owner's reply comes right after it.
    const context = await service['messages.context']({
      messageId: hit.message.id,
      time: hit.message.time,
      before: 5,
      after: 1,
    });
    expect(context.messages[context.anchorIndex]!.id).toBe(hit.message.id);
    expect(context.messages[context.anchorIndex + 1]).toMatchObject({ serverId: svrid(2), sender: OWNER });
    expect(context.messages.every((m) => m.conversation === GROUP)).toBe(true);

    await expect(service['search.query']({ query: 'from:' })).rejects.toMatchObject({ code: 'invalid-argument' });
    await service.dispose();
  });
});
