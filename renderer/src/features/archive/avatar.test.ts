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

  it('gives each person the same colour every time', () => {
    expect(stableHash('wxid_alice')).toBe(stableHash('wxid_alice'));
    expect(avatarColor('wxid_alice')).toBe(avatarColor('wxid_alice'));
    expect(AVATAR_COLORS).toContain(avatarColor('12345678901@chatroom'));
    const spread = new Set(Array.from({ length: 50 }, (_, i) => avatarColor(`wxid_person${i}`)));
    expect(spread.size).toBeGreaterThan(5);
  });
});
