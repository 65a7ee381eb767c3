import { describe, expect, it } from 'vitest';
import {
  packShardCounts,
  packedConversationCount,
  packedHoldsConversation,
  unpackConversationCounts,
  unpackMediaReferences,
  type PackedShardCounts,
  type ShardConversationCount,
  type ShardMediaReference,
} from '../../../electron/core/db/shard-counts-codec';
import { seededRandom, testSeed } from '../../helpers/seeded-random';

const total = (counts: readonly ShardConversationCount[]) => counts.reduce((n, c) => n + c.messages, 0);

function randomShard(random: () => number): { counts: ShardConversationCount[]; media: ShardMediaReference[] } {
  const counts: ShardConversationCount[] = [];
  let id = Math.floor(random() * 5);
  const chats = 1 + Math.floor(random() * 60);
  for (let i = 0; i < chats; i++) {
    id += 1 + Math.floor(random() * (random() < 0.1 ? 100_000 : 3));
    // Times around now, before 1970 and far out, as a hostile import might store them.
    const oldest = Math.floor((random() - 0.3) * 2 ** (10 + random() * 38));
    const messages = 1 + Math.floor(random() * (random() < 0.1 ? 1e9 : 20));
    counts.push({
      conversationId: id,
      messages,
      oldest,
      newest: oldest + Math.floor(random() * 2 ** (random() * 30)),
      classed: Math.floor(random() * (messages + 1)),
    });
  }
  const media: ShardMediaReference[] = [];
  for (let i = Math.floor(random() * 20); i > 0; i--) {
    const conversationId = counts[Math.floor(random() * counts.length)]!.conversationId;
    const mediaId =
      random() < 0.7
        ? Array.from({ length: 32 }, () => '0123456789abcdef'[Math.floor(random() * 16)]).join('')
        : `图片-${Math.floor(random() * 1e6)}-ABC`;
    if (!media.some((m) => m.conversationId === conversationId && m.mediaId === mediaId))
      media.push({ conversationId, mediaId, refs: 1 + Math.floor(random() * 4) });
  }
  return { counts, media };
}

const byKey = (a: ShardMediaReference, b: ShardMediaReference) =>
  a.conversationId - b.conversationId || (a.mediaId < b.mediaId ? -1 : a.mediaId > b.mediaId ? 1 : 0);

describe('the packed per-shard counts (catalog migration 0009)', () => {
  it('unpack to exactly what was packed, in conversation order, and tell which conversations a shard holds', () => {
    const seed = testSeed('packed shard counts');
    const random = seededRandom(seed);
    for (let round = 0; round < 300; round++) {
      const { counts, media } = randomShard(random);
      const shuffled = [...counts].sort(() => random() - 0.5);
      const packed = packShardCounts(shuffled, media)!;
      expect(packed, `round ${round}`).not.toBeNull();
      expect(unpackConversationCounts(packed, total(counts))).toEqual(counts);
      expect(unpackMediaReferences(packed)).toEqual([...media].sort(byKey));
      for (const c of counts) expect(packedHoldsConversation(packed.conversationIds, c.conversationId)).toBe(true);
      expect(packedHoldsConversation(packed.conversationIds, counts.at(-1)!.conversationId + 1)).toBe(false);
      expect(packedHoldsConversation(packed.conversationIds, counts[0]!.conversationId - 1)).toBe(false);
    }
  });

  it("give one conversation's counts alone, read as far as its record, as unpacking them all gives them", () => {
    const random = seededRandom(testSeed('one packed conversation'));
    for (let round = 0; round < 200; round++) {
      const { counts, media } = randomShard(random);
      const packed = packShardCounts(counts, media)!;
      for (const c of counts) expect(packedConversationCount(packed, c.conversationId), `round ${round}`).toEqual(c);
      const held = new Set(counts.map((c) => c.conversationId));
      for (const c of counts)
        if (!held.has(c.conversationId + 1))
          expect(packedConversationCount(packed, c.conversationId + 1)).toBeUndefined();
      expect(packedConversationCount(packed, counts[0]!.conversationId - 1)).toBeUndefined();
      // Cut inside the last record, or before it: malformed, not "absent".
      const last = counts.at(-1)!.conversationId;
      const cut = { ...packed, conversationCounts: packed.conversationCounts.subarray(0, -1) };
      expect(packedConversationCount(cut, last)).toBeNull();
      expect(
        packedConversationCount({ ...packed, conversationIds: packed.conversationIds.subarray(0, 1) }, last),
      ).toBeNull();
    }
    expect(
      packedConversationCount({ conversationIds: Uint8Array.from([2, 0]), conversationCounts: new Uint8Array() }, 1),
    ).toBeNull();
  });

  it('take about ten bytes per conversation at the scale bench shape', () => {
    const counts = Array.from({ length: 2_000 }, (_, i) => ({
      conversationId: i + 1,
      messages: 9,
      oldest: 1_700_000_000 + ((i * 7919) % 280_000),
      newest: 1_700_000_000 + 280_000 + ((i * 104_729) % 280_000),
      classed: 0,
    }));
    const packed = packShardCounts(counts, [])!;
    expect((packed.conversationIds.length + packed.conversationCounts.length) / counts.length).toBeLessThan(11);
  });

  it('refuse to pack what the format cannot hold, so the shard stays uncounted', () => {
    const one = { conversationId: 1, messages: 2, oldest: 10, newest: 20, classed: 0 };
    expect(packShardCounts([one, { ...one }], [])).toBeNull();
    expect(packShardCounts([{ ...one, conversationId: -1 }], [])).toBeNull();
    expect(packShardCounts([{ ...one, messages: 0 }], [])).toBeNull();
    expect(packShardCounts([{ ...one, classed: 3 }], [])).toBeNull();
    expect(packShardCounts([{ ...one, newest: 9 }], [])).toBeNull();
    expect(packShardCounts([{ ...one, oldest: 2 ** 53 }], [])).toBeNull();
    expect(packShardCounts([{ ...one, messages: 1.5 }], [])).toBeNull();
    expect(packShardCounts([one], [{ conversationId: 2, mediaId: 'a', refs: 1 }])).toBeNull();
    expect(packShardCounts([one], [{ conversationId: 1, mediaId: 'a', refs: 0 }])).toBeNull();
  });

  it('unpack nothing from counts that are truncated, extended, corrupted or do not add up, and never throw', () => {
    const seed = testSeed('hostile packed shard counts');
    const random = seededRandom(seed);
    for (let round = 0; round < 40; round++) {
      const { counts, media } = randomShard(random);
      const packed = packShardCounts(counts, media)!;
      const n = total(counts);
      const tryAll = (p: PackedShardCounts, messages: number) => {
        const conversations = unpackConversationCounts(p, messages);
        const refs = unpackMediaReferences(p);
        packedHoldsConversation(p.conversationIds, counts[0]!.conversationId);
        packedConversationCount(p, counts.at(-1)!.conversationId);
        // Whatever unpacks adds up.
        if (conversations) expect(total(conversations)).toBe(messages);
        return conversations !== null && refs !== null;
      };
      expect(tryAll(packed, n + 1)).toBe(false);
      expect(tryAll(packed, n - 1)).toBe(false);
      for (const part of ['conversationIds', 'conversationCounts', 'mediaRefs'] as const) {
        const bytes = packed[part];
        for (let cut = 0; cut < bytes.length; cut++)
          expect(tryAll({ ...packed, [part]: bytes.subarray(0, cut) }, n), `${part} cut at ${cut}`).toBe(false);
        expect(tryAll({ ...packed, [part]: Uint8Array.from([...bytes, 0]) }, n), `${part} extended`).toBe(false);
        // Flipped bits and random bytes: whatever they decode to, nothing throws and sound still adds up.
        for (let i = 0; i < 30 && bytes.length; i++) {
          const flipped = Uint8Array.from(bytes);
          flipped[Math.floor(random() * bytes.length)]! ^= 1 << Math.floor(random() * 8);
          tryAll({ ...packed, [part]: flipped }, n);
          tryAll({ ...packed, [part]: Uint8Array.from({ length: bytes.length }, () => random() * 256) }, n);
        }
      }
    }
  });

  it('refuse counts that claim more records than their bytes can hold, or varints past 2^53, before reading them', () => {
    const huge = Uint8Array.from([1, 0xff, 0xff, 0xff, 0xff, 0x0f]);
    const empty = Uint8Array.from([1, 0]);
    expect(unpackConversationCounts({ conversationIds: huge, conversationCounts: empty }, 0)).toBeNull();
    expect(unpackMediaReferences({ conversationIds: empty, mediaRefs: huge })).toBeNull();
    const past = Uint8Array.from([1, 1, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f]);
    expect(unpackConversationCounts({ conversationIds: past, conversationCounts: new Uint8Array(4) }, 0)).toBeNull();
    expect(packedHoldsConversation(Uint8Array.from([2, 0]), 1)).toBeNull();
  });
});
