/**
 * The core's handler groups against the contract: one group per request prefix, each request answered by exactly
 * one handler, in the group of its own prefix; combineHandlers refuses what would let them drift apart.
 */
import { describe, expect, it } from 'vitest';
import { requestNames } from '../../../electron/ipc/channels';
import type { LocketApi } from '../../../electron/ipc/contract';
import { combineHandlers, handlerGroup, prefixOf, type AnyHandlerGroup } from '../../../electron/core/handlers';
import { handlerGroups } from '../../../electron/core/service';
import { ServiceContext } from '../../../electron/core/service-context';

const groups = handlerGroups(new ServiceContext({ configDir: null }));

describe('handler groups', () => {
  it('has one group per prefix, and every handler in a group is of that group’s prefix', () => {
    const prefixes = groups.map((group) => group.prefix);
    expect(new Set(prefixes).size).toBe(prefixes.length);
    for (const group of groups)
      for (const name of Object.keys(group.handlers)) expect(prefixOf(name), name).toBe(group.prefix);
  });

  it('answers every contract request with exactly one handler, in the group of its prefix', () => {
    for (const name of requestNames) {
      const holders = groups.filter((group) => Object.hasOwn(group.handlers, name));
      expect(
        holders.map((group) => group.prefix),
        name,
      ).toEqual([prefixOf(name)]);
      expect(typeof (holders[0]!.handlers as Record<string, unknown>)[name]).toBe('function');
    }
    const handled = groups.flatMap((group) => Object.keys(group.handlers)).sort();
    expect(handled).toEqual([...requestNames].sort());
  });

  it('is what combineHandlers accepts', () => {
    expect(Object.keys(combineHandlers(groups)).sort()).toEqual([...requestNames].sort());
  });

  it('refuses a second group for a prefix, a handler outside its prefix and a request without a handler', () => {
    const stats = groups.find((group) => group.prefix === 'stats')!;
    expect(() => combineHandlers([...groups, stats])).toThrow('two handler groups for stats.*');
    const strayed = { prefix: 'stats', handlers: { ...stats.handlers, 'media.get': async () => null } };
    expect(() =>
      combineHandlers([...groups.filter((g) => g !== stats), strayed as unknown as AnyHandlerGroup]),
    ).toThrow('media.get is not a stats.* request');
    expect(() => combineHandlers(groups.filter((g) => g !== stats))).toThrow('no handler for stats.messages');
  });

  it('lets a group declare only requests of its own prefix (checked by tsc)', () => {
    const media = (async () => ({ mediaId: '', mime: null, bytes: new Uint8Array() })) as LocketApi['media.get'];
    const group = handlerGroup('stats', {
      'stats.messages': (async () => null) as unknown as LocketApi['stats.messages'],
      // @ts-expect-error -- media.get is not a stats.* request
      'media.get': media,
    });
    expect(group.prefix).toBe('stats');
    // @ts-expect-error -- a group must answer every request of its prefix
    expect(handlerGroup('audit', { 'audit.list': async () => [] }).prefix).toBe('audit');
  });
});
