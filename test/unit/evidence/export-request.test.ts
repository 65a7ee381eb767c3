import { describe, expect, it } from 'vitest';
import { buildExportRequest } from '../../../electron/core/evidence/export-request';

const base = { conversationIds: [3], outputPath: '/tmp/out/bag' };

describe('the export request', () => {
  it('is built once with defaults, and frozen', () => {
    const request = buildExportRequest({ ...base, timeZone: 'Asia/Shanghai' });
    expect(request).toMatchObject({
      names: 'group',
      format: 'folder',
      includePdf: false,
      timeZone: 'Asia/Shanghai',
      redaction: { pseudonymize: [], maskIdentifiers: false },
      split: { maxMessages: null, maxBytes: null },
    });
    expect(
      Object.isFrozen(request) && Object.isFrozen(request.scope) && Object.isFrozen(request.scope.conversationIds),
    ).toBe(true);
    expect(buildExportRequest({ ...base, pseudonymize: ['wxid_a'] }).redaction.maskIdentifiers).toBe(true);
    expect(
      buildExportRequest({ ...base, pseudonymize: ['wxid_a'], maskIdentifiers: false }).redaction.maskIdentifiers,
    ).toBe(false);
    expect(
      buildExportRequest({ outputPath: '/tmp/x', query: '火锅 after:2024-03-01', timeZone: 'Asia/Shanghai' }).scope
        .query?.after,
    ).toBe(Date.parse('2024-02-29T16:00:00Z') / 1000);
  });

  it('is written in English unless asked for Chinese, and names the languages it knows when asked for another', () => {
    expect(buildExportRequest(base).lang).toBe('en');
    expect(buildExportRequest({ ...base, lang: 'zh-CN' }).lang).toBe('zh-CN');
    // The IPC argument is untrusted: anything else is refused by name.
    for (const lang of ['fr', 'zh', 'ZH-cn', '', 1])
      expect(() => buildExportRequest({ ...base, lang: lang as 'en' })).toThrow(
        expect.objectContaining({ code: 'invalid-argument', message: 'The language is en or zh-CN.' }),
      );
  });

  it('takes a selection of messages alone or within conversations, once each, and frozen', () => {
    const alone = buildExportRequest({ outputPath: '/tmp/x', messageIds: [7, 3, 7] });
    expect(alone.scope).toMatchObject({ messageIds: [7, 3], conversationIds: [], query: null });
    expect(Object.isFrozen(alone.scope.messageIds)).toBe(true);
    expect(buildExportRequest({ ...base, messageIds: [1] }).scope).toMatchObject({
      messageIds: [1],
      conversationIds: [3],
    });
    expect(buildExportRequest(base).scope.messageIds).toEqual([]);
  });

  it.each([
    [{ outputPath: '/tmp/x' }, 'at least one conversation, a search query or messages'],
    [{ outputPath: '/tmp/x', messageIds: [] }, 'at least one conversation, a search query or messages'],
    [{ outputPath: '/tmp/x', messageIds: [1.5] }, 'Messages are chosen by their ids'],
    [{ outputPath: '/tmp/x', messageIds: '1,2' }, 'Messages are chosen by their ids'],
    [{ outputPath: '/tmp/x', messageIds: [1], query: 'x' }, 'not both'],
    [{ ...base, outputPath: 'relative/bag' }, 'absolute path'],
    [{ ...base, timeZone: 'Mars/Olympus' }, 'not a time zone'],
    [{ ...base, caseReference: 'two\nlines' }, 'one line'],
    [{ ...base, after: 10, before: 5 }, 'start before it ends'],
    [{ ...base, kinds: ['text', 'fax'] }, 'Kinds are among'],
    [{ ...base, names: 'nick' }, 'Names are shown by'],
    [{ ...base, format: 'tar' }, 'folder or zip'],
    [{ ...base, split: { maxBytes: 10 } }, 'at least 65536'],
    [{ ...base, query: 'a'.repeat(2000) }, 'at most'],
  ])('refuses %j', (args, message) => {
    expect(() => buildExportRequest(args as never)).toThrow(
      expect.objectContaining({ code: 'invalid-argument', message: expect.stringContaining(message) }),
    );
  });
});
