import { describe, expect, it } from 'vitest';
import { AVATAR_COLORS, avatarColor, cellInitialOf, initialsOf, stableHash } from './avatar';

describe('avatars', () => {
  it('takes up to two Chinese characters, or up to two initials', () => {
    expect(initialsOf('家庭群 👨‍👩‍👧', { isGroup: true })).toBe('家庭');
    expect(initialsOf('我 (Owner)')).toBe('我');
    expect(initialsOf('Alice (work)')).toBe('A');
    expect(initialsOf('john smith')).toBe('JS');
    expect(initialsOf('Carol 🐱')).toBe('C');
    expect(initialsOf('昵称 049')).toBe('昵称');
    expect(initialsOf('Bob 王')).toBe('B');
    expect(initialsOf('🐱🐶')).toBe('?');
    expect(initialsOf(null)).toBe('?');
  });

  it('skips 小, 老 and 阿, and shows a three-character name by its given name', () => {
    expect(initialsOf('小王')).toBe('王');
    expect(initialsOf('老李')).toBe('李');
    expect(initialsOf('阿明')).toBe('明');
    expect(initialsOf('小')).toBe('小');
    expect(initialsOf('老小')).toBe('小');
    expect(initialsOf('张小明')).toBe('小明');
    expect(initialsOf('王芳')).toBe('王芳');
    expect(initialsOf('项目讨论组', { isGroup: true })).toBe('项目');
    expect(initialsOf('阿里巴巴对接', { isGroup: true })).toBe('里巴');
    expect(cellInitialOf('王芳')).toBe('芳');
    expect(cellInitialOf('老李')).toBe('李');
    expect(cellInitialOf('alice smith')).toBe('A');
  });

  it('gives a contact list varied initials, not a column of the same character', () => {
    const names = ['小王', '小李', '小张', '老李', '老陈', '阿明', '阿芳', '张伟', '张敏', '张磊', '张小明', '张小红'];
    const initials = names.map((name) => initialsOf(name));
    // Only 小李 and 老李 share theirs (李); their colours, from their usernames, still tell them apart.
    expect(new Set(initials).size).toBe(names.length - 1);
    const firstCharacters = initials.map((text) => Array.from(text)[0]);
    expect(firstCharacters.filter((c) => c === '小' || c === '老' || c === '阿').length).toBeLessThanOrEqual(2);
    // By first character alone this list shows 张 five times, 小 three times; now 张 starts four avatars, three of
    // them two characters long (张伟, 张敏, 张磊), and no two of those four are alike.
    const mostCommon = Math.max(...firstCharacters.map((c) => firstCharacters.filter((f) => f === c).length));
    expect(mostCommon).toBeLessThanOrEqual(4);
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
    expect(avatarColor('wxid_alice')).toBe('#875fc8');
    expect(avatarColor('wxid_bob')).toBe('#5f6ccf');
    expect(avatarColor('12345678901@chatroom')).toBe('#3a70d1');
    expect(avatarColor('wxid_alice')).toBe(AVATAR_COLORS[stableHash('wxid_alice') % AVATAR_COLORS.length]);
    const spread = new Set(Array.from({ length: 50 }, (_, i) => avatarColor(`wxid_person${i}`)));
    expect(spread.size).toBeGreaterThan(5);
    for (const colour of spread) expect(AVATAR_COLORS).toContain(colour);
  });

  it('draws white initials at WCAG AA contrast (4.5:1) on every colour', () => {
    // WCAG 2.x relative luminance.
    const luminance = (hex: string) => {
      const [r, g, b] = [1, 3, 5].map((i) => {
        const c = parseInt(hex.slice(i, i + 2), 16) / 255;
        return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
    };
    for (const colour of AVATAR_COLORS) expect(1.05 / (luminance(colour) + 0.05), colour).toBeGreaterThanOrEqual(4.5);
  });
});
