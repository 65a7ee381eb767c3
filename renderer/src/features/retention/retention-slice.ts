import type {
  AuditEntryView,
  CertificateCheck,
  AuditVerification,
  ClassCoverage,
  ConversationSummary,
  ErrorShape,
  Hold,
  HoldScope,
  MessagesPage,
  KeepUnit,
  RetentionChange,
  RetentionClass,
  RetentionImpact,
  WipeCertificate,
  WipePreview,
  WipeSelection,
} from '../../../../electron/ipc/contract';
import { busyAttempt } from '../../store/busy-attempt';
import { patchSlice, type AppState, type SliceContext, type VaultBoundSlice } from '../../store/state';

export interface ClassDraft {
  id?: number;
  name: string;
  keepAmount: number | null;
  keepUnit: KeepUnit | null;
  color: string;
  description: string;
}

declare module '../../store/state' {
  interface AppState {
    retention: RetentionSlice;
  }
}

/** A hold being placed: the chats and days it starts with (days as `2026-03-01`, both inclusive; '' for open). */
export interface HoldDraft {
  conversationIds: number[];
  fromDay: string;
  toDay: string;
}

export interface RetentionSlice extends VaultBoundSlice {
  /** The place-a-hold dialog, opened from wherever the evidence is (chat, selection, search, export, Retention). */
  holdDraft: HoldDraft | null;
  classes: RetentionClass[] | null;
  holds: Hold[] | null;
  /** How many messages each active hold keeps, by hold id (counted after the holds are listed). */
  holdCounts: Record<number, number>;
  /** What each class covers now; null until counted. */
  coverage: ClassCoverage[] | null;
  /** When each class's rule last changed (ms), by class id. */
  classChanges: Record<number, number>;
  audit: AuditEntryView[] | null;
  verification: AuditVerification | null;
  /**
   * Classes assigned to conversations in this session (null: back to the default). Assignments made before this
   * session come from the conversation list (`ConversationSummary.retentionClassId`).
   */
  conversationClass: Record<number, number | null>;
  /** Classes assigned to contacts (by username) in this session; earlier ones come from the conversation list. */
  contactClass: Record<string, number | null>;
  preview: WipePreview | null;
  certificate: WipeCertificate | null;
  /** The certificate's signature, checked by the core right after the wipe. */
  certificateCheck: CertificateCheck | null;
  /** The expired messages found on unlock, waiting for the person's decision. */
  expiredReview: WipePreview | null;
  busy: boolean;
  error: ErrorShape | null;
  load(): Promise<void>;
  /** Counts each class's coverage and each hold's messages again (after a change or a wipe). */
  refreshCounts(): Promise<void>;
  /** What a change would do, counted by the core without making it; null (and the error kept) if it cannot. */
  previewChange(change: RetentionChange): Promise<RetentionImpact | null>;
  saveClass(draft: ClassDraft): Promise<RetentionClass | null>;
  setDefaultClass(classId: number): Promise<boolean>;
  assignConversation(conversationId: number, classId: number | null): Promise<boolean>;
  assignMessages(messageIds: number[], classId: number | null): Promise<boolean>;
  /** A contact's class applies to their 1:1 chat wherever the chat has no class of its own. */
  assignContact(username: string, classId: number | null): Promise<boolean>;
  openHold(draft: HoldDraft): void;
  closeHold(): void;
  placeHold(args: { name: string; reason: string; placedBy: string; scope: HoldScope }): Promise<Hold | null>;
  releaseHold(holdId: number, releasedBy: string, reason: string): Promise<boolean>;
  previewWipe(selection: WipeSelection): Promise<WipePreview | null>;
  /** A page of one chat's messages between two times (UTC seconds, both included), oldest first: read only. */
  listRange(
    conversationId: number,
    oldest: number,
    newest: number,
    cursor?: MessagesPage['next'],
  ): Promise<MessagesPage>;
  /** Wipes exactly what the preview showed (its count is sent along); the certificate is kept to show. */
  /** `wipedBy`: who the certificate names as having wiped (null or absent: the vault's owner). */
  executeWipe(preview: WipePreview, wipedBy?: string | null): Promise<WipeCertificate | null>;
  clearPreview(): void;
  verifyAudit(): Promise<void>;
  /** On unlock: when the vault asks for it, previews what has expired and, if anything has, asks. Never wipes. */
  reviewExpired(): Promise<void>;
  dismissReview(): void;
  clearError(): void;
}

/** Before any vault is open, and again once it locks: no classes, holds, audit, preview or certificate. */
const initial = {
  holdDraft: null,
  classes: null,
  holds: null,
  holdCounts: {},
  coverage: null,
  classChanges: {},
  audit: null,
  verification: null,
  conversationClass: {},
  contactClass: {},
  preview: null,
  certificate: null,
  certificateCheck: null,
  expiredReview: null,
  busy: false,
  error: null,
};

export function createRetentionSlice(ctx: SliceContext): RetentionSlice {
  const { client } = ctx.deps;
  const patch = (p: Partial<RetentionSlice>) => patchSlice(ctx, 'retention', p);
  const state = () => ctx.get().retention;

  const attempt = busyAttempt(patch);
  /** Bumped by the lock: what was read before it is not shown after it. */
  let vaultOpened = 0;

  async function refreshAudit(): Promise<void> {
    const audit = await client.request('audit.list', undefined);
    patch({ audit, verification: null });
  }

  /** Counts that read shards: fetched after the lists so the screen shows at once; a failure leaves them blank. */
  async function refreshCounts(): Promise<void> {
    const opened = vaultOpened;
    try {
      const [coverage, counts, changes] = await Promise.all([
        client.request('retention.coverage', undefined),
        client.request('holds.counts', undefined),
        client.request('retention.classChanges', undefined),
      ]);
      if (opened !== vaultOpened) return;
      patch({
        coverage,
        holdCounts: Object.fromEntries(counts.map((c) => [c.holdId, c.messages])),
        classChanges: Object.fromEntries(changes.map((c) => [c.classId, c.changedAt])),
      });
    } catch {
      // Counts are a help, not a gate: the rows show without them.
    }
  }

  return {
    ...initial,

    async load() {
      const opened = vaultOpened;
      await attempt(async () => {
        const [classes, holds, audit] = await Promise.all([
          client.request('retention.listClasses', undefined),
          client.request('holds.list', undefined),
          client.request('audit.list', undefined),
        ]);
        if (opened === vaultOpened) patch({ classes, holds, audit });
      });
      await refreshCounts();
    },

    refreshCounts,

    async previewChange(change) {
      return attempt(() => client.request('retention.previewChange', { change }));
    },

    async saveClass(draft) {
      return attempt(async () => {
        const saved = await client.request('retention.saveClass', {
          ...(draft.id !== undefined ? { id: draft.id } : {}),
          name: draft.name.trim(),
          keepAmount: draft.keepUnit ? draft.keepAmount : null,
          keepUnit: draft.keepAmount === null ? null : draft.keepUnit,
          color: draft.color,
          description: draft.description.trim(),
        });
        patch({ classes: await client.request('retention.listClasses', undefined) });
        await refreshAudit();
        void refreshCounts();
        return saved;
      });
    },

    async setDefaultClass(classId) {
      const done = await attempt(async () => {
        patch({ classes: await client.request('retention.setDefaultClass', { classId }) });
        await refreshAudit();
        void refreshCounts();
        return true;
      });
      return done === true;
    },

    async assignConversation(conversationId, classId) {
      const done = await attempt(() => client.request('retention.assign', { classId, target: { conversationId } }));
      if (!done) return false;
      patch({ conversationClass: { ...state().conversationClass, [conversationId]: classId } });
      void refreshCounts();
      return true;
    },

    async assignMessages(messageIds, classId) {
      const done =
        (await attempt(() => client.request('retention.assign', { classId, target: { messageIds } }))) !== null;
      if (done) await refreshAudit().catch(() => undefined);
      if (done) void refreshCounts();
      return done;
    },

    async assignContact(username, classId) {
      const done = await attempt(() => client.request('retention.assign', { classId, target: { contact: username } }));
      if (!done) return false;
      patch({ contactClass: { ...state().contactClass, [username]: classId } });
      // The list reports each chat's effective class (its own, else its contact's): ask again so its dots follow.
      void ctx.get().archive.loadConversations();
      await refreshAudit().catch(() => undefined);
      void refreshCounts();
      return true;
    },

    openHold(draft) {
      patch({ holdDraft: draft, error: null });
    },

    closeHold() {
      patch({ holdDraft: null });
    },

    async placeHold(args) {
      return attempt(async () => {
        const hold = await client.request('holds.place', args);
        patch({ holds: await client.request('holds.list', undefined) });
        await refreshAudit();
        void refreshCounts();
        return hold;
      });
    },

    async releaseHold(holdId, releasedBy, reason) {
      const released = await attempt(async () => {
        await client.request('holds.release', { holdId, releasedBy, reason });
        patch({ holds: await client.request('holds.list', undefined) });
        await refreshAudit();
        return true;
      });
      if (released) void refreshCounts();
      return released === true;
    },

    async previewWipe(selection) {
      patch({ certificate: null, certificateCheck: null });
      const preview = await attempt(() => client.request('wipe.preview', { selection }));
      patch({ preview });
      return preview;
    },

    async listRange(conversationId, oldest, newest, cursor) {
      return client.request('messages.list', {
        conversationId,
        after: oldest,
        before: newest + 1,
        limit: 100,
        order: 'asc',
        ...(cursor ? { cursor } : {}),
      });
    },

    async executeWipe(preview, wipedBy) {
      const certificate = await attempt(() =>
        client.request('wipe.execute', {
          selection: preview.selection,
          expectedMessages: preview.messages,
          ...(wipedBy ? { wipedBy } : {}),
        }),
      );
      if (!certificate) return null;
      patch({ certificate, certificateCheck: null, preview: null, expiredReview: null });
      client
        .request('certificates.verify', { certificate: certificateFile(certificate) })
        .then((certificateCheck) => patch({ certificateCheck }))
        .catch(() => undefined);
      await refreshAudit().catch(() => undefined);
      void ctx.get().archive.loadConversations();
      void ctx.get().vault.refreshStatus();
      void refreshCounts();
      return certificate;
    },

    clearPreview() {
      patch({ preview: null });
    },

    async verifyAudit() {
      await attempt(async () => {
        const [audit, verification] = await Promise.all([
          client.request('audit.list', undefined),
          client.request('audit.verify', undefined),
        ]);
        patch({ audit, verification });
      });
    },

    async reviewExpired() {
      const opened = vaultOpened;
      try {
        const settings = ctx.get().settings.vaultSettings ?? (await client.request('settings.get', undefined));
        if (!settings.reviewExpiredOnUnlock) return;
        const preview = await client.request('wipe.preview', { selection: { kind: 'expired' } });
        if (preview.messages > 0 && opened === vaultOpened) patch({ expiredReview: preview });
      } catch {
        // A review that cannot run must not stand between the person and their chats; the Retention screen can preview.
      }
    },

    dismissReview() {
      patch({ expiredReview: null });
    },

    clearError() {
      patch({ error: null });
    },

    resetOnLock() {
      vaultOpened++;
      patch({ ...initial });
    },
  };
}

export const selectClasses = (state: AppState) => state.retention.classes;
export const selectHolds = (state: AppState) => state.retention.holds;
export const selectHoldDraft = (state: AppState) => state.retention.holdDraft;
export const selectHoldCounts = (state: AppState) => state.retention.holdCounts;
export const selectCoverage = (state: AppState) => state.retention.coverage;
export const selectClassChanges = (state: AppState) => state.retention.classChanges;
export const selectAudit = (state: AppState) => state.retention.audit;
export const selectVerification = (state: AppState) => state.retention.verification;
export const selectWipePreview = (state: AppState) => state.retention.preview;
export const selectCertificate = (state: AppState) => state.retention.certificate;
export const selectExpiredReview = (state: AppState) => state.retention.expiredReview;
export const selectRetentionBusy = (state: AppState) => state.retention.busy;
export const selectRetentionError = (state: AppState) => state.retention.error;
export const selectConversationClassMap = (state: AppState) => state.retention.conversationClass;
export const selectContactClassMap = (state: AppState) => state.retention.contactClass;

/** A contact's own class: assigned in this session, else as the vault reported it with their 1:1 chat; null: none. */
export function contactClassIdOf(
  conversation: Pick<ConversationSummary, 'username' | 'contactRetentionClassId'>,
  assignedNow: Record<string, number | null>,
): number | null {
  return conversation.username in assignedNow
    ? (assignedNow[conversation.username] ?? null)
    : (conversation.contactRetentionClassId ?? null);
}

export function contactClassId(
  state: AppState,
  conversation: Pick<ConversationSummary, 'username' | 'contactRetentionClassId'>,
): number | null {
  return contactClassIdOf(conversation, state.retention.contactClass);
}

export interface ContactWithClass {
  conversationId: number;
  username: string;
  displayName: string;
  classId: number;
}

/** Contacts with a class of their own, known through their 1:1 chats, by name. */
export function contactsWithClasses(
  conversations: readonly ConversationSummary[] | null,
  assignedNow: Record<string, number | null>,
): ContactWithClass[] {
  return (conversations ?? [])
    .filter((c) => !c.isGroup)
    .map((c) => ({
      conversationId: c.id,
      username: c.username,
      displayName: c.displayName,
      classId: contactClassIdOf(c, assignedNow),
    }))
    .filter((c): c is ContactWithClass => c.classId !== null)
    .sort((a, b) => a.displayName.localeCompare(b.displayName));
}

/** The active holds that keep a message of this chat sent at `time` (the core's holdsCovering, for display). */
export function holdsKeeping(holds: readonly Hold[] | null, conversationId: number, time: number): Hold[] {
  return activeHolds(holds).filter(
    (h) =>
      h.scope.conversationIds.includes(conversationId) &&
      (h.scope.from === null || time >= h.scope.from) &&
      (h.scope.to === null || time < h.scope.to),
  );
}

/** Holds still in force (not released). */
export function activeHolds(holds: readonly Hold[] | null): Hold[] {
  return (holds ?? []).filter((h) => h.releasedAt === null);
}

/** Whether an active hold covers any of this conversation (a hold with no conversations covers every one). */
export function isConversationHeld(holds: readonly Hold[] | null, conversationId: number): boolean {
  return activeHolds(holds).some(
    (h) => h.scope.conversationIds.length === 0 || h.scope.conversationIds.includes(conversationId),
  );
}

/**
 * The class a conversation follows: an assignment made in this session, else the one the vault reports for it
 * (the chat's own, or its contact's), else the default class.
 */
export function classForConversation(state: AppState, conversationId: number): RetentionClass | null {
  const classes = state.retention.classes ?? [];
  const assignedNow = state.retention.conversationClass;
  const assigned =
    conversationId in assignedNow
      ? assignedNow[conversationId]
      : state.archive.conversations?.find((c) => c.id === conversationId)?.retentionClassId;
  if (assigned !== undefined && assigned !== null) return classes.find((c) => c.id === assigned) ?? null;
  return classes.find((c) => c.isDefault) ?? null;
}

/** The certificate as saved to a file: the signed statement, its signature, and the same statement for people. */
export function certificateFile(certificate: WipeCertificate): string {
  return `${JSON.stringify({ body: certificate.body, signature: certificate.signature, text: certificate.text }, null, 2)}\n`;
}

export const selectCertificateCheck = (state: AppState) => state.retention.certificateCheck;
