import type { RecordLanguage } from './record-language';

/**
 * What verifying the audit log can find wrong, as a stable code (`audit.verify`'s `problemCode`, `locket audit
 * --verify --json`), with the entry it names; people read it in their language from the table below, in the CLI
 * (`--lang`) and in the app's Audit tab alike.
 */
export type AuditProblem =
  | 'entry-missing'
  | 'entry-out-of-chain'
  | 'entry-unreadable'
  | 'entry-altered'
  | 'head-without-entries'
  | 'head-mismatch'
  | 'head-signature-invalid';

/** Each problem in words, per language, naming its entry (`n`). */
export const AUDIT_PROBLEM_TEXT: Readonly<
  Record<RecordLanguage, Readonly<Record<AuditProblem, (n: number) => string>>>
> = {
  en: {
    'entry-missing': (n) => `entry ${n} is missing`,
    'entry-out-of-chain': (n) => `entry ${n} does not follow entry ${n - 1}`,
    'entry-unreadable': (n) => `entry ${n} is not readable`,
    'entry-altered': (n) => `entry ${n} was altered after it was written`,
    'head-without-entries': () => 'the log is empty but its head names entries',
    'head-mismatch': () => 'the signed head does not match the last entry (entries were removed or added)',
    'head-signature-invalid': () => 'the head signature is not valid for this vault',
  },
  'zh-CN': {
    'entry-missing': (n) => `第 ${n} 条缺失`,
    'entry-out-of-chain': (n) => `第 ${n} 条未接续第 ${n - 1} 条`,
    'entry-unreadable': (n) => `第 ${n} 条无法读取`,
    'entry-altered': (n) => `第 ${n} 条在写入后被改动`,
    'head-without-entries': () => '日志为空，但其日志头列有条目',
    'head-mismatch': () => '签名的日志头与最后一条不符（有条目被删除或添加）',
    'head-signature-invalid': () => '日志头的签名对这个保险库无效',
  },
};

/** A verification's problem in a language; one without a code (from a newer Locket) keeps its words. */
export function auditProblemText(
  lang: RecordLanguage,
  v: { problemCode?: AuditProblem | null; problemEntry?: number | null; problem: string | null },
): string {
  return v.problemCode ? AUDIT_PROBLEM_TEXT[lang][v.problemCode](v.problemEntry ?? 0) : (v.problem ?? '');
}

/** What `locket audit --since-certificate/--since-bag` finds when the log no longer holds the head recorded then. */
export const ANCHOR_PROBLEM_TEXT: Readonly<
  Record<
    RecordLanguage,
    {
      removed(has: number, had: number): string;
      rewritten(entry: number, recorded: string, now: string): string;
    }
  >
> = {
  en: {
    removed: (has, had) =>
      `The audit log has ${has} entries, but it had ${had} when the anchor was recorded: entries were removed and the log rewritten.`,
    rewritten: (entry, recorded, now) =>
      `Entry ${entry} of the audit log is not the entry recorded then (hash ${recorded}…, now ${now}…): the log was rewritten.`,
  },
  'zh-CN': {
    removed: (has, had) => `审计日志现有 ${has} 条，而记录锚点时有 ${had} 条：有条目被删除，日志被重写。`,
    rewritten: (entry, recorded, now) =>
      `审计日志第 ${entry} 条已不是当时记录的那一条（哈希 ${recorded}…，现为 ${now}…）：日志被重写。`,
  },
};
