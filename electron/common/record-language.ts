import { zoneName } from './time-zone-names';
import { wallClockAt, wallDate, wallTime } from './zoned-time';

/**
 * What the readable audit log and wipe certificate share: the two languages they are written in, numbers, times in a
 * chosen zone and in UTC, and the names of what the vault's records name only by id. The CLI and the app both write
 * through here, so they never word the same record differently.
 */

export const RECORD_LANGUAGES = ['en', 'zh-CN'] as const;
export type RecordLanguage = (typeof RECORD_LANGUAGES)[number];

/** A language tag as a person gives it (`--lang zh`, `zh_CN.UTF-8`, `en-GB`), or null when it is neither language. */
export function recordLanguageOf(tag: string): RecordLanguage | null {
  const t = tag.trim().toLowerCase().replace('_', '-');
  if (/^zh(-|\.|$)/.test(t)) return 'zh-CN';
  if (/^en(-|\.|$)/.test(t)) return 'en';
  return null;
}

/**
 * The names a record's ids stand for, as the vault knows them now. Each is optional: a chat deleted since, or a
 * caller that knows no names, leaves the id shown as a number.
 */
export interface RecordNames {
  conversation?(id: number): string | null | undefined;
  /** A retention class's name as the person should read it (the app shows the seeded classes in its language). */
  retentionClass?(id: number, storedName?: string): string | null | undefined;
  /** A class named only by its stored name (a certificate's counts per class), as the person should read it. */
  className?(storedName: string): string;
  /** Who placed a hold: entries written before the audit log recorded it name only the hold. */
  holdPlacedBy?(id: number): string | null | undefined;
}

/** Lookup tables from lists any caller has (`conversations.list`, `retention.listClasses`, `holds.list`). */
export function namesFromLists(lists: {
  conversations?: readonly { id: number; displayName: string }[];
  classes?: readonly { id: number; name: string }[];
  holds?: readonly { id: number; placedBy: string }[];
  localizeClass?: (id: number, name: string) => string;
}): RecordNames {
  const chats = new Map(lists.conversations?.map((c) => [c.id, c.displayName]));
  const classes = new Map(lists.classes?.map((c) => [c.id, c.name]));
  const holds = new Map(lists.holds?.map((h) => [h.id, h.placedBy]));
  const localize = lists.localizeClass ?? ((_id: number, name: string) => name);
  return {
    conversation: (id) => chats.get(id),
    retentionClass: (id, storedName) => {
      const name = classes.get(id) ?? storedName;
      return name === undefined ? undefined : localize(id, name);
    },
    holdPlacedBy: (id) => holds.get(id),
    className: (name) => localize(-1, name),
  };
}

/** Words and formats of one language, in one time zone. */
export class RecordWriter {
  readonly language: RecordLanguage;
  readonly timeZone: string;
  readonly names: RecordNames;
  private readonly numbers: Intl.NumberFormat;

  constructor(language: RecordLanguage, timeZone: string, names: RecordNames = {}) {
    this.language = language;
    this.timeZone = timeZone;
    this.names = names;
    this.numbers = new Intl.NumberFormat(language, { maximumFractionDigits: 0 });
  }

  get isZh(): boolean {
    return this.language === 'zh-CN';
  }

  /** The chosen zone as people of the language know it: "中国标准时间 (Asia/Shanghai)", "China Standard Time (…)". */
  get zoneShown(): string {
    return zoneName(this.timeZone, this.language);
  }

  /** Picks the language's text. */
  say(en: string, zh: string): string {
    return this.isZh ? zh : en;
  }

  number(n: number): string {
    // Both languages group integers by thousands with commas: done here, as Intl's formatting costs microseconds
    // per call and a log of thousands of entries formats several numbers per sentence.
    if (Number.isSafeInteger(n)) return String(n).replace(/\B(?=(\d{3})+$)/g, ',');
    return this.numbers.format(n);
  }

  /** "1 message" / "3 messages"; Chinese has one form ("3 条消息"). */
  count(n: number, one: string, other: string, zhUnit: string): string {
    return this.isZh ? `${this.number(n)} ${zhUnit}` : `${this.number(n)} ${n === 1 ? one : other}`;
  }

  /** "2026-10-01 14:03:22" on the chosen zone's wall clock. */
  dateTime(ms: number): string {
    const wall = wallClockAt(ms, this.timeZone);
    return `${wallDate(wall)} ${wallTime(wall)}`;
  }

  /** The same instant in UTC, for records that must be read the same anywhere. */
  dateTimeUtc(ms: number): string {
    const wall = wallClockAt(ms, 'UTC');
    return `${wallDate(wall)} ${wallTime(wall)} UTC`;
  }

  /** "2026-10-01" in the chosen zone. */
  date(ms: number): string {
    return wallDate(wallClockAt(ms, this.timeZone));
  }

  /** A quoted name: 'Matter 2026-17' / “Matter 2026-17”. */
  quote(name: string): string {
    return this.isZh ? `“${name}”` : `'${name}'`;
  }

  /** "A, B and C" / "A、B 和 C". */
  list(items: readonly string[]): string {
    if (items.length <= 1) return items.join('');
    const head = items.slice(0, -1);
    const last = items[items.length - 1]!;
    return this.isZh ? this.join(head.join('、'), '和', last) : `${head.join(', ')} and ${last}`;
  }

  /** A chat by its name, or by its number when the vault no longer knows it. */
  chat(id: number): string {
    const name = this.names.conversation?.(id);
    return name ? name : this.say(`chat #${id}`, `聊天 #${id}`);
  }

  /** The chats named, at most `max`, and how many more. */
  chats(ids: readonly number[], max = 3): string {
    const shown = ids.slice(0, max).map((id) => this.chat(id));
    if (ids.length > max) shown.push(this.say(`${ids.length - max} more`, `另外 ${ids.length - max} 个`));
    return this.list(shown);
  }

  /**
   * A range of message times (UTC seconds; `to` exclusive, as holds and wipes store it) as the days it covers:
   * "2026-10-01 – 2026-12-31", "from 2026-10-01", "until 2026-12-31", or null for all time.
   */
  dayRange(from: number | null | undefined, to: number | null | undefined): string | null {
    const start = typeof from === 'number' ? this.date(from * 1000) : null;
    const end = typeof to === 'number' ? this.date(to * 1000 - 1000) : null;
    if (start && end) return this.say(`${start} – ${end}`, `${start} 至 ${end}`);
    if (start) return this.say(`from ${start}`, `${start} 起`);
    if (end) return this.say(`until ${end}`, `截至 ${end}`);
    return null;
  }

  /** A byte count as a person reads it: 1.2 MB. */
  bytes(n: number): string {
    const units = ['bytes', 'KB', 'MB', 'GB', 'TB'];
    let value = n;
    let unit = 0;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit += 1;
    }
    if (unit === 0) return this.isZh ? `${this.number(n)} 字节` : `${this.number(n)} ${n === 1 ? 'byte' : 'bytes'}`;
    return `${new Intl.NumberFormat(this.language, { maximumFractionDigits: 1 }).format(value)} ${units[unit]}`;
  }

  /**
   * Joins Chinese text with the names and numbers put in it: a space between a Latin letter or digit and a Chinese
   * character, none between two Chinese characters or next to Chinese punctuation.
   */
  join(...parts: string[]): string {
    let out = '';
    for (const part of parts) {
      if (!part) continue;
      if (out && needsSpace(out.slice(-2), part.slice(0, 2))) out += ' ';
      out += part;
    }
    return out;
  }
}

const HAN = /[\u3400-\u9fff\uf900-\ufaff]$/;
const HAN_START = /^[\u3400-\u9fff\uf900-\ufaff]/;
/** Letters, digits and emoji (an emoji sequence ends in its last symbol, a variation selector or a joiner). */
const WORDISH_END = /([A-Za-z0-9#%)'\]]|\p{Extended_Pictographic}|[\ufe0f\u200d])$/u;
const WORDISH_START = /^([A-Za-z0-9#('[]|\p{Extended_Pictographic})/u;

function needsSpace(before: string, after: string): boolean {
  return (HAN.test(before) && WORDISH_START.test(after)) || (WORDISH_END.test(before) && HAN_START.test(after));
}

/** A detail read as a number, or null when it is not one (hostile or old entries may hold anything). */
export function numberOf(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** A detail read as text, or null. */
export function textOf(value: unknown): string | null {
  return typeof value === 'string' && value.trim() ? value : null;
}

/** A detail read as a list of integers (ids), or an empty list. */
export function idsOf(value: unknown): number[] {
  return Array.isArray(value) ? value.filter((v): v is number => Number.isSafeInteger(v)) : [];
}
