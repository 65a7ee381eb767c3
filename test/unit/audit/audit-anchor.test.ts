import { describe, expect, it } from 'vitest';
import { anchorProblem, auditHeadOf, formatAuditHead, parseAuditHead } from '../../../electron/core/audit/audit-anchor';
import { certificateText } from '../../../electron/core/retention/wipe-certificate';

const HASH = 'ab'.repeat(32);
const log = [
  { sequence: 1, entryHash: '11'.repeat(32) },
  { sequence: 2, entryHash: HASH },
  { sequence: 3, entryHash: '33'.repeat(32) },
];

describe('audit anchors', () => {
  it('formats and parses the bag-info value', () => {
    expect(formatAuditHead({ entries: 2, hash: HASH })).toBe(`2 ${HASH}`);
    expect(formatAuditHead(null)).toBe('0 none');
    expect(parseAuditHead(`2 ${HASH.toUpperCase()}`)).toEqual({ entries: 2, hash: HASH });
    expect(parseAuditHead('0 none')).toBeNull();
    expect(parseAuditHead(`x ${HASH}`)).toBeNull();
    expect(parseAuditHead(`2 ${HASH.slice(2)}`)).toBeNull();
  });

  it("reads a certificate's auditHead only when well-formed", () => {
    expect(auditHeadOf({ entries: 2, hash: HASH })).toEqual({ entries: 2, hash: HASH });
    for (const bad of [
      undefined,
      null,
      'x',
      { entries: 0, hash: HASH },
      { entries: 1.5, hash: HASH },
      { entries: '2', hash: HASH },
      { entries: 2, hash: 'zz' },
    ])
      expect(auditHeadOf(bad)).toBeNull();
  });

  it('holds when the entry at the count has the hash; names the count when not', () => {
    expect(anchorProblem(log, { entries: 2, hash: HASH })).toBeNull();
    expect(anchorProblem(log, { entries: 3, hash: HASH })).toMatch(
      /^Entry 3 of the audit log is not the entry recorded then/,
    );
    expect(anchorProblem(log, { entries: 5, hash: HASH })).toMatch(/^The audit log has 3 entries, but it had 5/);
    expect(anchorProblem([], { entries: 1, hash: HASH })).toMatch(/has 0 entries, but it had 1/);
    // In Chinese for `locket audit --lang zh-CN`.
    expect(anchorProblem(log, { entries: 5, hash: HASH }, 'zh-CN')).toBe(
      '审计日志现有 3 条，而记录锚点时有 5 条：有条目被删除，日志被重写。',
    );
    expect(anchorProblem(log, { entries: 3, hash: HASH }, 'zh-CN')).toMatch(/^审计日志第 3 条已不是当时记录的那一条/);
  });

  it("the certificate's text names the head when it has one, and old certificates read as before", () => {
    const body = {
      vaultId: 'v',
      wipedAt: 't',
      rule: 'r',
      scope: {},
      counts: { messages: 1, conversations: 1, mediaFiles: 0, mediaBytes: 0, shardsRewritten: 1, heldMessagesKept: 0 },
      destroyedKeyIds: [],
      auditSequence: 2,
      locketVersion: '1',
      signingKey: { fingerprint: 'f' },
    };
    expect(certificateText(body)).not.toContain('Audit head');
    const text = certificateText({ ...body, auditHead: { entries: 2, hash: HASH } });
    expect(text).toContain(`Audit head: 2 entries, last ${HASH}`);
    expect(text).toContain('--since-certificate');
  });
});
