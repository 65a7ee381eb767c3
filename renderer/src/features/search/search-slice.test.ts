import { describe, expect, it } from 'vitest';
import type { MessageView, SearchHit } from '../../../../electron/ipc/contract';
import { fakeClient, settle, testStore } from '../../store/fake-client';
import { startAppStore } from '../../store/app-store';
import { selectSearchAtLeast, selectSearchCounting, selectSearchResults, selectSearchTotal } from './search-slice';

function hit(id: number, time: number, conversationId = 1): SearchHit {
  const message = {
    id,
    time,
    conversationId,
    conversation: 'c',
    isSelf: false,
    kind: 'text',
    text: '今天晚上',
    payload: {},
    media: [],
  } as unknown as MessageView;
  return { message, snippet: { text: '今天晚上', highlights: [[0, 4]] } };
}

describe('search slice', () => {
  it('shows streamed results for its own request, then the final page', async () => {
    const client = fakeClient();
    client.handle('vault.status', () => ({ state: 'none' }) as never);
    let answer: () => void = () => undefined;
    client.handle('search.query', async (args) => {
      await new Promise<void>((resolve) => (answer = resolve));
      expect(args.requestId).toBeTruthy();
      return { total: 2, atLeast: 2, results: [hit(2, 200), hit(1, 100)], next: null };
    });
    const store = testStore(client);
    startAppStore(store, client);
    store.getState().search.setQuery('今天晚上');
    const running = store.getState().search.run();
    const requestId = store.getState().search.requestId!;
    client.emit('search.results', {
      requestId: 'someone-else',
      results: [hit(9, 900)],
      found: 1,
      shardsSearched: 1,
      shardCount: 2,
      done: false,
    });
    client.emit('search.results', {
      requestId,
      results: [hit(2, 200)],
      found: 1,
      shardsSearched: 1,
      shardCount: 2,
      done: false,
    });
    expect(selectSearchResults(store.getState()).map((h) => h.message.id)).toEqual([2]);
    expect(selectSearchAtLeast(store.getState())).toBe(1);
    expect(selectSearchTotal(store.getState())).toBe(null);
    answer();
    await running;
    expect(selectSearchResults(store.getState()).map((h) => h.message.id)).toEqual([2, 1]);
    expect(selectSearchTotal(store.getState())).toBe(2);
  });

  it('moves the active result within bounds and opens it at its place in the chat', async () => {
    const client = fakeClient();
    client.handle('search.query', () => ({
      total: 2,
      atLeast: 2,
      results: [hit(2, 200, 7), hit(1, 100, 7)],
      next: null,
    }));
    client.handle('messages.context', ({ messageId }) => ({
      messages: [hit(messageId, 100, 7).message],
      anchorIndex: 0,
    }));
    const store = testStore(client);
    store.getState().search.open();
    store.getState().search.setQuery('x');
    await store.getState().search.run();
    store.getState().search.moveActive(5);
    expect(store.getState().search.activeIndex).toBe(1);
    store.getState().search.moveActive(-9);
    expect(store.getState().search.activeIndex).toBe(0);
    store.getState().search.moveActive(1);
    await store.getState().search.openResult(1);
    await settle();
    expect(store.getState().search.isOpen).toBe(false);
    expect(store.getState().archive.selectedId).toBe(7);
    expect(store.getState().archive.chat?.highlightId).toBe(1);
    expect(client.calls.find((c) => c.name === 'messages.context')?.args).toMatchObject({ messageId: 1, time: 100 });
  });

  it('shows the page first, then counts the rest, and cancels a count a new query makes moot', async () => {
    const client = fakeClient();
    const cursor = { time: 100, id: 1, nextTime: 90, seen: 1, total: null };
    client.handle('search.query', () => ({ total: null, atLeast: 2, results: [hit(1, 100)], next: cursor }));
    let finishCount: (total: number) => void = () => undefined;
    client.handle('search.count', () => new Promise<{ total: number }>((r) => (finishCount = (total) => r({ total }))));
    client.handle('search.cancel', () => ({ cancelled: true }));
    const store = testStore(client);
    store.getState().search.setQuery('a');
    await store.getState().search.run();
    expect(selectSearchResults(store.getState())).toHaveLength(1);
    expect(selectSearchTotal(store.getState())).toBe(null);
    expect(selectSearchAtLeast(store.getState())).toBe(2);
    expect(selectSearchCounting(store.getState())).toBe(true);
    const first = store.getState().search.requestId;
    expect(client.calls.find((c) => c.name === 'search.count')?.args).toMatchObject({ cursor, requestId: first });
    finishCount(40);
    await settle();
    expect(selectSearchTotal(store.getState())).toBe(40);
    expect(selectSearchCounting(store.getState())).toBe(false);

    store.getState().search.setQuery('b');
    await store.getState().search.run();
    expect(selectSearchCounting(store.getState())).toBe(true);
    const second = store.getState().search.requestId;
    store.getState().search.setQuery('c');
    await store.getState().search.run();
    expect(client.calls.filter((c) => c.name === 'search.cancel').map((c) => c.args)).toEqual([{ requestId: second }]);
  });

  it('clears the results when the query is emptied', async () => {
    const client = fakeClient();
    const store = testStore(client);
    store.getState().search.setQuery('  ');
    await store.getState().search.run();
    expect(client.calls).toEqual([]);
    expect(selectSearchResults(store.getState())).toEqual([]);
  });
});
