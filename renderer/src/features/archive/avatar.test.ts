import { describe, expect, it } from 'vitest';
import { AVATAR_COLORS, avatarColor, initialsOf, stableHash } from './avatar';

describe('avatars', () => {
  it('takes the first Chinese character, or up to two initials', () => {
    expect(initialsOf('家庭群 👨‍👩‍👧')).toBe('家');
    expect(initialsOf('我 (Owner)')).toBe('我');
    expect(initialsOf('Alice (work)')).toBe('A');
    expect(initialsOf('john smith')).toBe('JS');
    expect(initialsOf('Carol 🐱')).toBe('C');
    expect(initialsOf('昵称 049')).toBe('昵');
    expect(initialsOf('Bob 王')).toBe('B');
    expect(initialsOf('🐱🐶')).toBe('?');
    expect(initialsOf(null)).toBe('?');
  });

  it('hashes with 32-bit FNV-1a, so the hash is the same on every run and machine', () => {
    // Published FNV-1a test vectors.
    expect(stableHash('')).toBe(0x811c9dc5);
    expect(stableHash('a')).toBe(0xe40c292c);
    expect(stableHash('foobar')).toBe(0xbf9cf968);
    // Over UTF-16 code units, not bytes.
    expect(stableHash('张三')).toBe(0x23fc39c2);
  });

  it('gives each person the same colour every time, from the palette', () => {
    // Pinned: a person's colour must not change between versions either.
    expect(avatarColor('wxid_alice')).toBe('#8a63c9');
    expect(avatarColor('wxid_bob')).toBe('#5f6ccf');
    expect(avatarColor('12345678901@chatroom')).toBe('#4f7fd6');
    expect(avatarColor('wxid_alice')).toBe(AVATAR_COLORS[stableHash('wxid_alice') % AVATAR_COLORS.length]);
    const spread = new Set(Array.from({ length: 50 }, (_, i) => avatarColor(`wxid_person${i}`)));
    expect(spread.size).toBeGreaterThan(5);
    for (const colour of spread) expect(AVATAR_COLORS).toContain(colour);
  });
});
