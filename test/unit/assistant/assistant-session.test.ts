import { PassThrough } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveAssistant } from '../../../electron/cli/assistant-server';
import { AssistantSession } from '../../../electron/core/assistant/assistant-session';
import { listAudit } from '../../../electron/core/audit/audit-log';
import type { VaultSession } from '../../../electron/core/session/vault-session';
import { ALICE, FAMILY } from '../../helpers/search-vault';
import { createSearchVault } from '../../helpers/search-vault';

let session: VaultSession;
let remove = (): void => {};

beforeAll(async () => {
  ({ session, remove } = await createSearchVault());
});
afterAll(async () => {
  await session.lock();
  remove();
});

describe('an assistant session', () => {
  it('ends after the idle time without a request, and its audit entry says so', async () => {
    const assistant = await AssistantSession.start(session, { conversations: [ALICE.username] }, null, 1_000);
    const stdin = new PassThrough();
    const stdout = new PassThrough();
    const started = Date.now();
    // 0.005 minutes: 300 ms.
    const why = await serveAssistant(assistant, { idleMinutes: 0.005, stdin, stdout });
    expect(why).toBe('idle');
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    await assistant.finish(why, 2_000);
    await assistant.finish('client-closed', 3_000);
    const entries = listAudit(session.catalog).filter((e) => e.action === 'mcp-session');
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      time: 2_000,
      details: { conversations: [ALICE.id], startedAt: 1_000, endedAt: 2_000, endedBy: 'idle', toolCalls: 0 },
    });
  });

  it('ends when the client closes its end', async () => {
    const assistant = await AssistantSession.start(session, { conversations: [String(FAMILY.id)] }, null);
    const stdin = new PassThrough();
    const served = serveAssistant(assistant, { idleMinutes: 0, stdin, stdout: new PassThrough() });
    stdin.end();
    expect(await served).toBe('client-closed');
  });

  it('refuses a grant naming a conversation the vault does not hold, or dates out of order', async () => {
    await expect(AssistantSession.start(session, { conversations: ['nobody'] }, null)).rejects.toThrow(
      'No conversation "nobody"',
    );
    await expect(
      AssistantSession.start(session, { conversations: ['1'], after: '2024-05', before: '2024-03' }, null),
    ).rejects.toThrow('must come before');
    await expect(AssistantSession.start(session, { conversations: ['1'], kinds: ['gif'] }, null)).rejects.toThrow(
      '--kind is one of',
    );
  });
});
