import { describe, expect, it } from 'vitest';
import type { MessageStats } from '../../../../electron/ipc/contract';
import { fakeClient, testStore } from '../../store/fake-client';
import { selectStats, selectStatsError, TOP_SENDERS } from './stats-slice';

const stats = (total: number): MessageStats => ({
  conversationId: null,
  timeZone: 'UTC',
  total,
  firstTime: 0,
  lastTime: 0,
  months: [{ month: '1970-01', start: 0, messages: total }],
  senders: [],
  others: { people: 0, messages: 0 },
  withoutSender: total,
});

describe('stats slice', () => {
  it('opens the Stats section for a conversation and counts it in the chosen zone', async () => {
    const client = fakeClient();
    client.handle('stats.messages', () => stats(5));
    const store = testStore(client);
    store.getState().settings.setTimeZone('Asia/Shanghai');
    store.getState().stats.open(7);
    expect(store.getState().navigation.section).toBe('stats');
    await store.getState().stats.load();
    expect(client.calls.at(-1)).toEqual({
      name: 'stats.messages',
      args: { conversationId: 7, timeZone: 'Asia/Shanghai', topSenders: TOP_SENDERS },
    });
    expect(selectStats(store.getState())?.total).toBe(5);
    store.getState().stats.open(null);
    await store.getState().stats.load();
    expect(client.calls.at(-1)?.args).toEqual({ timeZone: 'Asia/Shanghai', topSenders: TOP_SENDERS });
  });

  it('keeps only the answer to the latest request, and the error when the core refuses', async () => {
    const client = fakeClient();
    const answers: ((s: MessageStats) => void)[] = [];
    client.handle('stats.messages', () => new Promise<MessageStats>((resolve) => answers.push(resolve)));
    const store = testStore(client);
    const first = store.getState().stats.load();
    const second = store.getState().stats.load();
    answers[1]!(stats(2));
    answers[0]!(stats(1));
    await Promise.all([first, second]);
    expect(selectStats(store.getState())?.total).toBe(2);
    client.handle('stats.messages', () => Promise.reject(Object.assign(new Error('locked'), { code: 'vault-locked' })));
    await store.getState().stats.load();
    expect(selectStats(store.getState())).toBeNull();
    expect(selectStatsError(store.getState())).not.toBeNull();
  });
});
