import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { describe, expect, it } from 'vitest';
import type { AuditEntryView } from '../../electron/ipc/contract';
import { ALICE, FAMILY, FILLER } from '../helpers/search-vault';
import { locket } from '../helpers/cli';
import { lockedSearchVaultForFile } from '../helpers/cli-search-vault';
import { TEST_PASSPHRASE } from '../helpers/vault';

/**
 * `locket mcp` driven by a real MCP client from the same SDK, through stdio, against the built CLI (run
 * `npm run build:cli` first): the way Claude Desktop or any other client starts it.
 */
const CLI = join(import.meta.dirname, '..', '..', 'out', 'cli', 'locket.cjs');
const PASS = { LOCKET_PASSPHRASE: TEST_PASSPHRASE };
const vault = lockedSearchVaultForFile();

interface Session {
  client: Client;
  transport: StdioClientTransport;
  stderr: () => string;
}

async function connect(args: string[]): Promise<Session> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: [CLI, 'mcp', vault.dir, ...args],
    env: { ...PASS, LOCKET_CONFIG_DIR: join(vault.dir, '..', 'config'), PATH: process.env.PATH ?? '' },
    stderr: 'pipe',
  });
  let stderr = '';
  transport.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const client = new Client({ name: 'locket-spec', version: '1.0.0' });
  await client.connect(transport);
  return { client, transport, stderr: () => stderr };
}

/** A tool's answer: its JSON text parsed, and whether the server marked it an error. */
async function call<T = Record<string, unknown>>(
  session: Session,
  name: string,
  args: Record<string, unknown> = {},
): Promise<{ value: T; text: string; isError: boolean }> {
  const result = await session.client.callTool({ name, arguments: args });
  const text = (result.content as { type: string; text: string }[]).map((c) => c.text).join('');
  return { value: (result.isError ? null : JSON.parse(text)) as T, text, isError: result.isError === true };
}

interface Message {
  id: number;
  conversationId: number;
  sender: string | null;
  text: string;
  time: string;
}

async function lastAudit(): Promise<AuditEntryView> {
  const run = await locket(['audit', vault.dir, '--json'], PASS);
  expect(run.code).toBe(0);
  return run.json<AuditEntryView[]>().at(-1)!;
}

describe('locket mcp', () => {
  it('serves only the granted conversation, through every tool, and audits the session when the client closes', async () => {
    expect(existsSync(CLI), 'build the CLI first: npm run build:cli').toBe(true);
    // What `locket search` finds in the whole vault, before the server holds it.
    const cli = await locket(['search', vault.dir, '火锅', '--json'], PASS);
    const everywhere = cli.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { id: number; conversationId: number });
    const s = await connect(['--conversation', ALICE.username]);
    const tools = await s.client.listTools();
    expect(tools.tools.map((t) => t.name).sort()).toEqual([
      'get_message',
      'list_conversations',
      'message_statistics',
      'read_messages',
      'search_messages',
    ]);
    expect(tools.tools.every((t) => t.annotations?.readOnlyHint === true)).toBe(true);

    const listed = await call<{ conversations: { id: number; name: string; messages: number }[] }>(
      s,
      'list_conversations',
    );
    expect(listed.value.conversations).toEqual([
      expect.objectContaining({ id: ALICE.id, name: ALICE.name, messages: 13 }),
    ]);

    // Paging: 13 messages in pages of 5, oldest first, each page after the last.
    const pages: Message[][] = [];
    let cursor: string | undefined;
    do {
      const page = await call<{ messages: Message[]; next: string | null }>(s, 'read_messages', {
        conversationId: ALICE.id,
        limit: 5,
        ...(cursor ? { cursor } : {}),
      });
      pages.push(page.value.messages);
      cursor = page.value.next ?? undefined;
    } while (cursor);
    expect(pages.map((p) => p.length)).toEqual([5, 5, 3]);
    const all = pages.flat();
    expect(new Set(all.map((m) => m.id)).size).toBe(13);
    expect(all.every((m) => m.conversationId === ALICE.id)).toBe(true);
    expect(all.map((m) => m.time)).toEqual([...all.map((m) => m.time)].sort());
    expect(all[0]).toMatchObject({ sender: '小爱', text: '我们今天晚上吃火锅' });

    // A time window.
    const april = await call<{ messages: Message[] }>(s, 'read_messages', {
      conversationId: ALICE.id,
      after: '2024-04-01',
      before: '2024-05-01',
    });
    expect(april.value.messages).toHaveLength(5);

    // Search: the same exact results as `locket search`, but never from the family group, whatever the query.
    const hotpot = await call<{ messages: Message[]; total: number }>(s, 'search_messages', { query: '火锅' });
    expect(everywhere.some((m) => m.conversationId === FAMILY.id)).toBe(true);
    expect(hotpot.value.messages.map((m) => m.id)).toEqual(
      everywhere.filter((m) => m.conversationId === ALICE.id).map((m) => m.id),
    );
    expect(hotpot.value.total).toBe(hotpot.value.messages.length);
    for (const query of ['in:家人群', 'from:bob', '周末一起吃火锅吗', '填充物', 'in:filler 填充物']) {
      const hits = await call<{ messages: Message[]; total: number; atLeast: number }>(s, 'search_messages', { query });
      expect(hits.value, query).toMatchObject({ messages: [], total: 0, atLeast: 0 });
    }

    // Out of scope answers exactly as a conversation or message that does not exist.
    const familyMessageId = everywhere.find((m) => m.conversationId === FAMILY.id)!.id;
    for (const [tool, args, missing] of [
      ['read_messages', { conversationId: FAMILY.id }, { conversationId: 999 }],
      ['search_messages', { query: '火锅', conversationId: FAMILY.id }, { query: '火锅', conversationId: 999 }],
      ['message_statistics', { conversationId: FILLER.id }, { conversationId: 999 }],
      ['get_message', { messageId: familyMessageId }, { messageId: 99_999_999 }],
    ] as const) {
      const outside = await call(s, tool, args);
      const absent = await call(s, tool, missing);
      expect(outside.isError, tool).toBe(true);
      expect(outside.text.replace(/\d+/g, 'N'), tool).toBe(absent.text.replace(/\d+/g, 'N'));
      expect(outside.text).not.toMatch(/家人群|chatroom|Filler|老鲍/);
    }

    const stats = await call<{
      total: number;
      months: { month: string; messages: number }[];
      people: { name: string }[];
    }>(s, 'message_statistics', { timeZone: 'UTC' });
    expect(stats.value.total).toBe(13);
    expect(stats.value.months.map((m) => m.messages)).toEqual([6, 5, 0, 2]);
    expect(stats.value.people.map((p) => p.name).sort()).toEqual(['Me Myself', '小爱']);

    const context = await call<{ messages: Message[]; anchorIndex: number }>(s, 'get_message', {
      messageId: all[6]!.id,
      before: 2,
      after: 2,
    });
    expect(context.value.messages.map((m) => m.id)).toEqual(all.slice(4, 9).map((m) => m.id));
    expect(context.value.anchorIndex).toBe(2);

    const started = Date.now();
    await s.client.close();
    // The server ended on its own when its stdin closed, before the SDK's two-second wait would send SIGTERM.
    expect(Date.now() - started).toBeLessThan(2000);
    expect(s.stderr()).toContain('the client disconnected');

    const entry = await lastAudit();
    expect(entry.action).toBe('mcp-session');
    expect(entry.details).toMatchObject({
      scope: null,
      conversations: [ALICE.id],
      pseudonymized: false,
      endedBy: 'client-closed',
      messagesReturned: expect.any(Number),
    });
    expect(entry.details.toolCalls).toBeGreaterThanOrEqual(20);
    expect(entry.details.messagesReturned).toBeGreaterThanOrEqual(13 + 5 + 5);
    // Counts and ids only: no message text, no name.
    expect(JSON.stringify(entry.details)).not.toMatch(/火锅|小爱|Alice|wxid/);
  });

  it('limits answers to the granted dates and kinds', async () => {
    const s = await connect([
      '--conversation',
      String(ALICE.id),
      '--after',
      '2024-04',
      '--before',
      '2024-06',
      '--kind',
      'text',
      '--time-zone',
      'UTC',
    ]);
    const listed = await call<{ conversations: { messages: number }[] }>(s, 'list_conversations');
    // April's text messages of Alice's chat: b1, b4, b5 (b2 is a link, b3 a file).
    expect(listed.value.conversations[0]!.messages).toBe(3);
    const page = await call<{ messages: Message[] }>(s, 'read_messages', { conversationId: ALICE.id });
    expect(page.value.messages.map((m) => m.text)).toEqual([
      '会议改到 10:00，房间 305',
      'see https://example.com/x',
      '今天 晚上 不行',
    ]);
    const march = await call<{ total: number }>(s, 'search_messages', { query: '火锅 during:2024-03' });
    expect(march.value.total).toBe(0);
    const link = await call<{ total: number }>(s, 'search_messages', { query: 'type:link' });
    expect(link.value.total).toBe(0);
    await s.client.close();
  });

  it('pseudonymizes every name and wxid when asked', async () => {
    const s = await connect(['--conversation', ALICE.username, '--conversation', FAMILY.username, '--pseudonymize']);
    const answers: string[] = [];
    const keep = async (name: string, args: Record<string, unknown> = {}) => {
      const r = await call(s, name, args);
      answers.push(r.text);
      return r;
    };
    const listed = await keep('list_conversations');
    expect(listed.text).toMatch(/Participant [A-Z]/);
    await keep('read_messages', { conversationId: ALICE.id, limit: 200 });
    await keep('read_messages', { conversationId: FAMILY.id, limit: 200 });
    await keep('search_messages', { query: 'dinner OR lunch OR 火锅' });
    await keep('message_statistics');
    const bob = await keep('search_messages', { query: 'from:"Participant A"' });
    expect(bob.isError).toBe(false);
    const realName = await keep('search_messages', { query: 'from:bob' });
    expect(realName.isError).toBe(true);
    const joined = answers.join('\n');
    for (const secret of [
      '小爱',
      'Alice',
      '爱丽丝',
      'Bob',
      '老鲍',
      'Carol',
      '家人群',
      'Me Myself',
      'wxid_',
      'chatroom',
    ])
      expect(joined, secret).not.toContain(secret);
    await s.client.close();
    expect((await lastAudit()).details).toMatchObject({ pseudonymized: true, conversations: [ALICE.id, FAMILY.id] });
  });

  it('serves a scope saved in the vault by its name', async () => {
    const { createLocketService } = await import('../../electron/core/service');
    const service = createLocketService({ configDir: null });
    await service['vault.unlock']({ path: vault.dir, passphrase: TEST_PASSPHRASE });
    await service['settings.saveAiScope']({
      name: 'Family',
      conversationIds: [FAMILY.id],
      after: null,
      before: null,
      kinds: null,
      timeZone: 'UTC',
      pseudonymize: false,
    });
    await service.dispose();
    const s = await connect(['--scope', 'Family']);
    const listed = await call<{ conversations: { id: number }[] }>(s, 'list_conversations');
    expect(listed.value.conversations.map((c) => c.id)).toEqual([FAMILY.id]);
    await s.client.close();
    expect((await lastAudit()).details).toMatchObject({ scope: 'Family', conversations: [FAMILY.id] });
  });

  it('refuses to start without a grant', async () => {
    const run = await locket(['mcp', vault.dir], PASS);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('--conversation');
  });
});
