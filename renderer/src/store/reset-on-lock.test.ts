import { describe, expect, it } from 'vitest';
import type { ConversationSummary, MessageView, VaultStatus } from '../../../electron/ipc/contract';
import { startAppStore } from './app-store';
import { fakeClient, settle, testStore, vaultStatus, type FakeClient } from './fake-client';
import type { AppState, AppStore } from './state';

const PATH = '/home/li/Evidence 2026.locket';
const OTHER_PATH = '/home/li/Other.locket';

/**
 * The fields that outlive a lock, each for a reason: this computer's choices and what the system reports, and
 * which vault folder to unlock again. Every other field of every slice must be back at its initial value.
 */
const KEPT_ON_LOCK: { [K in keyof AppState]?: readonly (keyof AppState[K])[] } = {
  settings: ['language', 'theme', 'systemLanguages', 'systemPrefersDark', 'timeZone', 'systemTimeZone'],
  // The status stays for the Unlock screen, without its counts (checked below).
  vault: ['screen', 'status', 'path', 'lockReason'],
  navigation: ['section', 'filterFocusRequest'],
};

const CHAT: ConversationSummary = {
  id: 7,
  username: 'wxid_lena',
  displayName: 'Lena Wu',
  isGroup: false,
  messageCount: 2,
  firstMessageTime: 1_700_000_000,
  lastMessageTime: 1_700_000_060,
  lastMessagePreview: 'see you at the notary',
  lastMessageLine: { kind: 'text', text: 'see you at the notary' },
  avatarUrl: null,
  retentionClassId: 2,
};

function message(id: number, text: string): MessageView {
  return {
    id,
    conversationId: CHAT.id,
    conversation: CHAT.username,
    serverId: String(9000 + id),
    importId: null,
    sender: 'wxid_lena',
    senderName: 'Lena Wu',
    isSelf: false,
    time: 1_700_000_000 + id * 60,
    kind: 'text',
    text,
    line: { kind: 'text', text },
    payload: {},
    media: [],
  };
}

/** A core with one vault full of things: every request the screens make answers with something from it. */
function vaultClient(path = PATH): FakeClient {
  const client = fakeClient();
  const unlocked: VaultStatus = {
    ...vaultStatus('unlocked', path),
    counts: { messages: 2, conversations: 1 } as VaultStatus['counts'],
  };
  client.handle('vault.status', () => unlocked);
  client.handle('vault.unlock', () => unlocked);
  client.handle('vault.lock', () => ({ ...unlocked, state: 'locked' }));
  client.handle('conversations.list', () => [CHAT]);
  client.handle('messages.list', () => ({
    messages: [message(2, 'see you'), message(1, 'at the notary')],
    next: null,
  }));
  client.handle('settings.get', () => ({ autoLockMinutes: 10, reviewExpiredOnUnlock: true }) as never);
  const preview = { selection: { kind: 'expired' }, messages: 2, conversations: [CHAT.displayName] } as never;
  client.handle('retention.listClasses', () => [{ id: 2, name: 'Case 41', isDefault: true }] as never);
  client.handle('holds.list', () => [{ id: 1, name: 'Litigation hold', releasedAt: null }] as never);
  client.handle('audit.list', () => [{ sequence: 1, action: 'hold.place', detail: 'Lena Wu' }] as never);
  client.handle('wipe.preview', () => preview);
  client.handle('retention.assign', () => ({ assigned: 1 }) as never);
  client.handle(
    'search.query',
    ({ requestId }) =>
      ({
        requestId: requestId ?? null,
        results: [{ message: message(1, 'at the notary'), snippet: { text: 'notary', ranges: [] } }],
        total: 1,
        next: { time: 1, id: 1 },
      }) as never,
  );
  client.handle('conversations.participants', () => [
    { username: 'wxid_lena', displayName: 'Lena Wu', isOwner: false, messages: 2 },
  ]);
  client.handle(
    'import.detect',
    ({ paths }) =>
      [{ path: paths[0], format: 'ios-backup', accounts: [{ id: 'wxid_owner' }], owner: 'wxid_owner' }] as never,
  );
  client.handle(
    'import.run',
    () => ({ importId: 3, imported: 2, duplicates: 0, skipped: {}, media: { missing: {} } }) as never,
  );
  client.handle('stats.messages', () => ({ total: 2, byMonth: [{ month: '2023-11', count: 2 }] }) as never);
  client.handle('vault.compactStatus', () => ({
    files: 3,
    bytes: 900,
    uncompressedFiles: 3,
    uncompressedBytes: 900,
    outdatedFiles: 0,
    outdatedBytes: 0,
  }));
  client.handle('vault.compact', () => ({ shardsRewritten: 2, filesRewritten: 3, bytesBefore: 900, bytesAfter: 100 }));
  client.handle('vault.changePassphrase', () => ({ ...unlocked, recoveryCode: 'ABCD-EFGH' }) as never);
  return client;
}

/** Opens the vault and uses every screen, the way a person would, so each slice holds something read from it. */
async function useEveryScreen(store: AppStore, client: FakeClient): Promise<void> {
  startAppStore(store, client);
  await settle();
  const s = () => store.getState();
  await s().archive.openConversation(CHAT.id);
  s().archive.setFilter('Lena');
  s().archive.startSelecting(1);
  s().archive.showNotice({ kind: 'quote-not-loaded' });
  s().search.open();
  s().search.setQuery('notary');
  await s().search.run();
  s().exporting.open({ kind: 'conversation', conversationId: CHAT.id });
  s().imports.setPath('/media/backup');
  await s().imports.detect();
  s().imports.setOwner('wxid_owner');
  s().imports.setTimeZone('Asia/Shanghai');
  await s().imports.run();
  await s().retention.assignConversation(CHAT.id, 2);
  await s().retention.assignContact(CHAT.username, 2);
  await s().retention.previewWipe({ kind: 'expired' });
  s().stats.setScope(CHAT.id);
  await s().stats.load();
  await s().storage.compact();
  await s().settings.changePassphrase('old words here', 'brand new long words', true);
  // A replaced key shows its new recovery code on a screen of its own; the person saves it and is back in the vault.
  if (s().vault.recoveryCode !== 'ABCD-EFGH') throw new Error('the new recovery code was not shown');
  s().vault.confirmRecoveryCodeSaved();
  await settle();
}

/** Every field of every slice, actions left out: the walk covers a new slice or field without being told. */
function fieldsOf(state: AppState): [keyof AppState, string][] {
  return (Object.keys(state) as (keyof AppState)[]).flatMap((slice) =>
    Object.entries(state[slice])
      .filter(([, value]) => typeof value !== 'function')
      .map(([field]) => [slice, field] as [keyof AppState, string]),
  );
}

function isKept(slice: keyof AppState, field: string): boolean {
  return (KEPT_ON_LOCK[slice] as readonly string[] | undefined)?.includes(field) ?? false;
}

/** Deep equality, as toEqual sees it. */
function same(a: unknown, b: unknown): boolean {
  try {
    expect(a).toEqual(b);
    return true;
  } catch {
    return false;
  }
}

const valueOf = (state: AppState, slice: keyof AppState, field: string): unknown =>
  (state[slice] as unknown as Record<string, unknown>)[field];

/**
 * Gives each field still at its initial value something that stands for vault data (busy flags, errors and
 * progress are hard to catch mid-flight), so a field without a reset shows up below, whoever added it.
 */
function fillTheRest(store: AppStore, initial: AppState): void {
  for (const [slice, field] of fieldsOf(store.getState())) {
    if (isKept(slice, field)) continue;
    if (!same(valueOf(store.getState(), slice, field), valueOf(initial, slice, field))) continue;
    store.setState((state) => ({ [slice]: { ...state[slice], [field]: { leftFromTheVault: `${slice}.${field}` } } }));
  }
}

/** The fields that are not back at the value of a store that never saw a vault. */
function notReset(store: AppStore, initial: AppState): string[] {
  return fieldsOf(store.getState())
    .filter(([slice, field]) => !isKept(slice, field))
    .filter(([slice, field]) => !same(valueOf(store.getState(), slice, field), valueOf(initial, slice, field)))
    .map(([slice, field]) => `${slice}.${field}`);
}

describe('locking the vault', () => {
  it('leaves nothing read from the vault in any slice', async () => {
    const client = vaultClient();
    const store = testStore(client);
    // A store that never saw a vault: each slice's declared initial state.
    const initial = testStore(vaultClient()).getState();
    await useEveryScreen(store, client);

    const s = store.getState();
    expect(s.archive.conversations?.map((c) => c.displayName)).toEqual(['Lena Wu']);
    expect(s.archive.chat?.messages.map((m) => m.text)).toEqual(['at the notary', 'see you']);
    expect(s.search.results).toHaveLength(1);
    expect(s.exporting.target).toEqual({ kind: 'conversation', conversationId: CHAT.id });
    expect(s.exporting.participants?.map((p) => p.displayName)).toEqual(['Lena Wu']);
    expect(s.imports.report?.imported).toBe(2);
    expect(s.retention.classes).toHaveLength(1);
    expect(s.retention.holds).toHaveLength(1);
    expect(s.retention.audit).toHaveLength(1);
    expect(s.retention.expiredReview).not.toBeNull();
    expect(s.retention.contactClass).toEqual({ [CHAT.username]: 2 });
    expect(s.stats.stats).not.toBeNull();
    expect(s.storage.result?.bytesAfter).toBe(100);
    expect(s.settings.vaultSettings?.autoLockMinutes).toBe(10);
    expect(s.vault.status?.counts).not.toBeNull();

    // Busy flags, errors and the like that the screens above left at their initial values get a stand-in.
    fillTheRest(store, initial);
    expect(notReset(store, initial)).toHaveLength(fieldsOf(s).filter(([slice, f]) => !isKept(slice, f)).length);

    client.emit('vault.locked', { reason: 'idle' });

    expect(notReset(store, initial)).toEqual([]);
    const vault = store.getState().vault;
    expect(vault).toMatchObject({ screen: 'unlock', path: PATH, lockReason: 'idle' });
    expect(vault.status).toMatchObject({ state: 'locked', path: PATH, counts: null });
    expect(store.getState().settings.systemLanguages).toEqual(initial.settings.systemLanguages);
  });

  it('drops what the vault answers after it locked', async () => {
    const client = vaultClient();
    let answer: () => void = () => undefined;
    const held = new Promise<void>((resolve) => (answer = resolve));
    const late = <T>(value: T) => held.then(() => value);
    client.handle('conversations.list', () => late([CHAT]));
    client.handle('settings.get', () => late({ autoLockMinutes: 10, reviewExpiredOnUnlock: true }) as never);
    client.handle('retention.listClasses', () => late([{ id: 2, name: 'Case 41', isDefault: true }]) as never);
    const store = testStore(client);
    const initial = testStore(vaultClient()).getState();
    startAppStore(store, client);
    await settle();
    client.emit('vault.locked', { reason: 'idle' });
    answer();
    await settle();
    await settle();
    expect(notReset(store, initial)).toEqual([]);
  });

  it('keeps nothing of the last vault when the next one opens, after the person locks it', async () => {
    const client = vaultClient();
    const store = testStore(client);
    await useEveryScreen(store, client);
    await store.getState().vault.lock();
    // The 'vault.locked' event did not come (the core had locked already): lock() forgets the vault itself.
    expect(store.getState().exporting.target).toBeNull();

    client.handle('vault.unlock', () => vaultStatus('unlocked', OTHER_PATH));
    client.handle('conversations.list', () => []);
    expect(await store.getState().vault.unlock(OTHER_PATH, 'another passphrase')).toBe(true);
    await settle();
    const s = store.getState();
    expect(s.vault.path).toBe(OTHER_PATH);
    expect(s.archive.conversations).toEqual([]);
    expect(s.archive.chat).toBeNull();
    expect(s.exporting.target).toBeNull();
    expect(s.exporting.participants).toBeNull();
    expect(s.search.results).toEqual([]);
    expect(s.imports.report).toBeNull();
    expect(s.stats.stats).toBeNull();
  });

  it('starts a vault that is entered from nothing, even if something was left behind', async () => {
    const client = vaultClient();
    const store = testStore(client);
    store.getState().vault.show('unlock', OTHER_PATH);
    store.setState((state) => ({
      exporting: { ...state.exporting, target: { kind: 'conversation', conversationId: CHAT.id } },
    }));
    client.handle('vault.unlock', () => vaultStatus('unlocked', OTHER_PATH));
    expect(await store.getState().vault.unlock(OTHER_PATH, 'another passphrase')).toBe(true);
    expect(store.getState().exporting.target).toBeNull();
  });
});
