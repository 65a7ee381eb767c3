import { REDACTION_MASKS, pseudonymLabel } from '../../common/pseudonym-label';
import type { RecordLanguage } from '../../common/record-language';
import { all, one, type ReadOnlyDatabase } from '../db/sqlite';
import type { RedactionRules } from './export-request';

export interface RedactionStats {
  /** Names and ids of pseudonymized participants replaced in text. */
  names: number;
  phoneNumbers: number;
  wechatIds: number;
}

/** Shorter names are replaced where they name a sender, never inside text: one character would hit ordinary words. */
const MIN_NAME_IN_TEXT = 2;

/**
 * Mainland mobile numbers (with or without +86 and separators), landlines written with an area code and a dash,
 * and international numbers written with a leading +. Digits glued to other digits (amounts, transfer ids) are
 * left alone.
 */
const PHONE =
  /(?<![\d+])(?:\+?86[\s-]?)?1[3-9]\d(?:[\s-]?\d{4}){2}(?!\d)|(?<!\d)0\d{2,3}-\d{7,8}(?!\d)|(?<![\w+])\+\d{1,3}(?:[\s-]?\d{2,4}){2,5}(?!\d)/g;
/** WeChat's generated usernames. Custom usernames cannot be told from words; those of pseudonymized people are replaced by name. */
const WXID = /(?<![A-Za-z0-9_])wxid_[A-Za-z0-9_-]+/g;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Applies the export's redaction rules: chosen participants get consistent pseudonyms (the first chosen is always
 * Participant A, in every part and every file), and every name and id they are known by is replaced wherever it
 * appears in text; phone numbers and wxids are masked. Keeps counts for the redaction log, never the names.
 *
 * Pseudonyms and masks are in the bag's language ("参与者 A", "[微信号]"), in every file of it, JSON lines and CSV
 * included: they stand inside the message's own text, and that text must read the same in the transcript and in
 * the machine-readable files, so a line quoted from one is found in the other (docs/evidence-bags.md).
 */
export class Redactor {
  private readonly labels = new Map<string, string>();
  private readonly namePattern: RegExp | null;
  private readonly labelByName = new Map<string, string>();
  private stats: RedactionStats = { names: 0, phoneNumbers: 0, wechatIds: 0 };

  /** What a masked phone number and WeChat ID read as. */
  readonly masks: { phone: string; wechatId: string };

  constructor(
    catalog: ReadOnlyDatabase,
    readonly rules: RedactionRules,
    lang: RecordLanguage = 'en',
  ) {
    this.masks = REDACTION_MASKS[lang];
    rules.pseudonymize.forEach((username, i) => this.labels.set(username, pseudonymLabel(i, lang)));
    const owner = one<{ value: string }>(catalog, "SELECT value FROM settings WHERE key = 'owner'");
    const ownerInfo = owner ? (JSON.parse(owner.value) as { username: string; name: string | null }) : null;
    for (const [username, label] of this.labels) {
      const known = [
        username,
        ...all<{ n: string | null }>(
          catalog,
          'SELECT alias AS n FROM contacts WHERE username = ?1 UNION SELECT nickname FROM contacts WHERE username = ?1 UNION SELECT remark FROM contacts WHERE username = ?1',
          [username],
        ).map((r) => r.n),
        ...all<{ n: string | null }>(catalog, 'SELECT group_nickname AS n FROM group_members WHERE username = ?', [
          username,
        ]).map((r) => r.n),
        ...all<{ n: string | null }>(
          catalog,
          'SELECT display_name AS n FROM conversations WHERE username = ? AND is_group = 0',
          [username],
        ).map((r) => r.n),
        ownerInfo?.username === username ? ownerInfo.name : null,
      ];
      for (const name of known)
        if (name && name.trim().length >= MIN_NAME_IN_TEXT && !this.labelByName.has(name.trim().toLowerCase()))
          this.labelByName.set(name.trim().toLowerCase(), label);
    }
    // Longest first, so "Alice Wang" is replaced whole rather than as "Alice" followed by " Wang".
    const names = [...this.labelByName.keys()].sort((a, b) => b.length - a.length);
    this.namePattern = names.length ? new RegExp(names.map(escapeRegExp).join('|'), 'giu') : null;
  }

  get isActive(): boolean {
    return this.labels.size > 0 || this.rules.maskIdentifiers;
  }

  /** The pseudonym of a username, or null when it is not pseudonymized. */
  pseudonymOf(username: string | null): string | null {
    return username ? (this.labels.get(username) ?? null) : null;
  }

  text(value: string): string {
    if (!this.isActive || !value) return value;
    let out = value;
    if (this.namePattern) {
      out = out.replace(this.namePattern, (match) => {
        this.stats.names++;
        return this.labelByName.get(match.toLowerCase()) ?? match;
      });
    }
    if (this.rules.maskIdentifiers) {
      out = out.replace(WXID, () => {
        this.stats.wechatIds++;
        return this.masks.wechatId;
      });
      out = out.replace(PHONE, () => {
        this.stats.phoneNumbers++;
        return this.masks.phone;
      });
    }
    return out;
  }

  /** Redacts every string inside a payload (quoted messages, cards, transfers, raw XML), keys untouched. */
  deep<T>(value: T): T {
    if (!this.isActive) return value;
    if (typeof value === 'string') return this.text(value) as T;
    if (Array.isArray(value)) return value.map((v: unknown) => this.deep(v)) as T;
    if (value && typeof value === 'object') {
      return Object.fromEntries(
        Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, this.deep(v)]),
      ) as T;
    }
    return value;
  }

  /** The counts since the last call: each part's redaction log counts its own replacements. */
  takeStats(): RedactionStats {
    const stats = this.stats;
    this.stats = { names: 0, phoneNumbers: 0, wechatIds: 0 };
    return stats;
  }

  get pseudonyms(): string[] {
    return [...this.labels.values()];
  }
}
