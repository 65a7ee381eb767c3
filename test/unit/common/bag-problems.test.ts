import { describe, expect, it } from 'vitest';
import { BAG_PROBLEM_KINDS, bagProblemDetail, bagProblemKindText } from '../../../electron/common/bag-problems';

/** The words `locket verify --lang` says a bag's problems with (electron/common/bag-problems.ts). */
describe('bag problems', () => {
  it('name every kind in both languages; an unknown kind reads as itself', () => {
    expect(Object.keys(BAG_PROBLEM_KINDS['zh-CN'])).toEqual(Object.keys(BAG_PROBLEM_KINDS.en));
    expect(Object.values(BAG_PROBLEM_KINDS['zh-CN']).filter((w) => /[A-Za-z]/.test(w))).toEqual([]);
    expect(bagProblemKindText('zh-CN', 'changed')).toBe('已改动');
    expect(bagProblemKindText('zh-CN', 'from-a-newer-locket')).toBe('from-a-newer-locket');
  });

  it('say a reason in Chinese with its values; English keeps the detail the core wrote, as does a reason-less one', () => {
    const oxum = {
      reason: 'payload-size-differs' as const,
      values: ['100.2', '120.3'],
      detail: 'Payload-Oxum records …',
    };
    expect(bagProblemDetail('zh-CN', oxum)).toBe(
      'Payload-Oxum 记录的是 2 个文件共 100 字节；data/ 文件夹中有 3 个文件共 120 字节',
    );
    expect(bagProblemDetail('en', oxum)).toBe('Payload-Oxum records …');
    expect(bagProblemDetail('zh-CN', { reason: 'sha512-differs', detail: 'x' })).toBe('其 SHA-512 与清单不符');
    expect(bagProblemDetail('zh-CN', { detail: 'its data overlaps another entry' })).toBe(
      'its data overlaps another entry',
    );
  });
});
