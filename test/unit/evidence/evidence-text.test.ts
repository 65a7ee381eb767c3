import { describe, expect, it } from 'vitest';
import { readPreviewLine, type PreviewLine } from '../../../electron/common/message-kinds';
import { evidenceText, EXPORT_LANGUAGES } from '../../../electron/core/evidence/evidence-text';
import { ZonedClock } from '../../../electron/core/evidence/zoned-clock';

/** The renderer's translator and placeholder wording, as far as these tests use them. */
interface RendererI18n {
  createTranslator(locale: 'en' | 'zh-CN', timeZone?: string): { t(key: string): string };
  previewText(t: unknown, line: PreviewLine): string;
}

/**
 * The renderer is its own TypeScript project (DOM types, no Node): its modules are loaded when the test runs, so
 * this project does not compile them, and typed by the little the test needs.
 */
async function rendererI18n(): Promise<RendererI18n> {
  const from = (path: string) => import(/* @vite-ignore */ `../../../renderer/src/${path}`) as Promise<unknown>;
  const [translate, preview] = (await Promise.all([from('i18n/translate'), from('features/archive/preview-text')])) as [
    Pick<RendererI18n, 'createTranslator'>,
    Pick<RendererI18n, 'previewText'>,
  ];
  return { createTranslator: translate.createTranslator, previewText: preview.previewText };
}

const en = evidenceText('en');
const zh = evidenceText('zh-CN');

/** A sample argument for each parameter name the tables use; `n` is 1 or 2, for singular and plural forms. */
function sample(name: string, n: number): unknown {
  if (['items', 'names', 'parts', 'senders'].includes(name)) return n === 1 ? ['甲'] : ['甲', '乙'];
  if (name === 'pseudonyms') return n === 1 ? ['Participant A'] : ['Participant A', 'Participant B'];
  if (name === 'kinds') return n === 1 ? [] : ['image', 'voice'];
  if (name === 'line') return n === 1 ? { kind: 'image' } : { kind: 'voice', seconds: 3, detail: '甲' };
  if (name === 'mode') return n === 1 ? 'group' : 'wxid';
  if (name === 'isMasked') return n === 2;
  if (name === 'month' || name === 'day') return n;
  if (['number', 'count', 'messages', 'conversations', 'replacements', 'part', 'year', 'weekday'].includes(name))
    return n;
  return `«${name}»`;
}

/** Every text a table holds, functions called with sample arguments twice: what a bag in that language can say. */
function allTexts(value: unknown, path = ''): [string, string][] {
  if (typeof value === 'string') return [[path, value]];
  if (Array.isArray(value)) return value.flatMap((v, i) => allTexts(v, `${path}[${i}]`));
  if (typeof value === 'function') {
    const params = /^\(?([^)=]*)\)?\s*=>/.exec(String(value))?.[1] ?? '';
    const names = params
      .split(',')
      .map((p) => p.trim())
      .filter(Boolean);
    return [1, 2].flatMap((n) =>
      allTexts((value as (...args: unknown[]) => unknown)(...names.map((name) => sample(name, n))), `${path}(${n})`),
    );
  }
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => allTexts(v, `${path}.${k}`));
  return [];
}

/** The shape of a table: its keys, recursively, and which are functions. */
function shape(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(shape);
  if (typeof value === 'function') return 'function';
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, shape(v)]));
  return typeof value;
}

/**
 * What a Chinese bag may still write in Latin letters: names of files, formats, programs and algorithms, commands,
 * and the masks and pseudonyms that stand in message text. Anything else in Latin letters is English left behind.
 */
const LATIN_ALLOWED =
  /\{\w+\}|«\w+»|<code>[^<]*<\/code>|<span class="mono">[^<]*<\/span>|<\/?b>|Locket|BagIt|SHA-\d+|Ed25519|base64|verify\.html|bagit\.txt|bag-info\.txt|redaction-log\.txt|signature\/signing-key\.txt|messages\.jsonl|messages\.csv|data\/?|\.zip|wxid_?|ID|Chrome|Edge|Firefox|Safari|locket verify|Participant [A-Z]|\[phone\]|\[WeChat ID\]|a-f|KB|MB/g;

describe('the evidence text tables', () => {
  it('have the same shape in every language, with no text left empty', () => {
    for (const lang of EXPORT_LANGUAGES) {
      expect(shape(evidenceText(lang)), lang).toEqual(shape(en));
      // Only what follows the page counter may be nothing ("Page 2 of 9" / "第 2 页，共 9 页").
      for (const [path, text] of allTexts(evidenceText(lang))) expect(text.trim(), `${lang} ${path}`).not.toBe('');
    }
  });

  it('leave no English word in the Chinese table', () => {
    const left = allTexts(zh)
      .filter(([path]) => path !== '.htmlLang')
      .map(([path, text]) => [path, text.replace(LATIN_ALLOWED, '')] as const)
      .filter(([, text]) => /[A-Za-z]{2,}/.test(text));
    expect(left).toEqual([]);
  });

  // Kind names are one table the app reads too (electron/common/kind-names.ts, test/unit/common/kind-names.test.ts).
  it('write placeholders as the app does, so the app and the bag agree', async () => {
    const { createTranslator, previewText } = await rendererI18n();
    const zhApp = createTranslator('zh-CN', 'UTC');
    for (const stored of [
      '[Image]',
      '[Voice 3s]',
      '[Location] 天安门',
      '[Chat record]',
      '[Message recalled]',
      '[Transfer] ¥88.00',
    ]) {
      const line = readPreviewLine(stored) as Exclude<PreviewLine, { kind: 'text' }>;
      expect(zh.placeholder(line)).toBe(previewText(zhApp, line));
    }
    expect(zh.placeholder({ kind: 'voice', seconds: 3 })).toBe('[语音 3″]');
    // English bags show placeholders as the vault stores them.
    expect(en.placeholder(readPreviewLine('[Voice 3s]') as { kind: 'voice' })).toBe('[Voice 3s]');
  });

  it('write days as people write them in each language', () => {
    const newYear = 1_704_067_260; // 2024-01-01 08:01 in Shanghai
    expect(new ZonedClock('Asia/Shanghai', 'zh-CN').local(newYear).dayLabel).toBe('2024年1月1日 星期一');
    expect(new ZonedClock('Asia/Shanghai', 'en').local(newYear).dayLabel).toBe('Monday, 1 January 2024');
    // The same instant is still Sunday, 31 December in New York.
    expect(new ZonedClock('America/New_York', 'zh-CN').local(newYear).dayLabel).toBe('2023年12月31日 星期日');
    // Every day of four years against Intl: the weekday and month tables are right.
    const enIntl = new Intl.DateTimeFormat('en-GB', {
      timeZone: 'UTC',
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      year: 'numeric',
    });
    const zhIntl = new Intl.DateTimeFormat('zh-CN', {
      timeZone: 'UTC',
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      year: 'numeric',
    });
    const enClock = new ZonedClock('UTC', 'en');
    const zhClock = new ZonedClock('UTC', 'zh-CN');
    for (let day = 0; day < 4 * 366; day++) {
      const seconds = Date.UTC(2023, 0, 1 + day, 12) / 1000;
      expect(enClock.local(seconds).dayLabel).toBe(enIntl.format(seconds * 1000));
      // Intl writes 2024年1月1日星期一; a transcript puts a space before the weekday.
      expect(zhClock.local(seconds).dayLabel.replace(' ', '')).toBe(zhIntl.format(seconds * 1000));
    }
  });

  it('count in the right forms', () => {
    expect(en.messages(1)).toBe('1 message');
    expect(en.messages(2)).toBe('2 messages');
    expect(en.transcript.end(1, 1)).toBe('End of transcript: 1 message in 1 conversation.');
    expect(en.transcript.end(18, 2)).toBe('End of transcript: 18 messages in 2 conversations.');
    expect(zh.transcript.end(18, 2)).toBe('聊天记录结束：共 2 个会话，18 条消息。');
    expect(zh.messages(1)).toBe('1 条消息');
    expect(en.redaction(['Participant A'], false)).toBe(
      '1 participant pseudonymized (Participant A); see data/redaction-log.txt',
    );
    expect(en.redaction(['Participant A', 'Participant B'], true)).toBe(
      '2 participants pseudonymized (Participant A, Participant B); phone numbers and WeChat IDs masked in text; see data/redaction-log.txt',
    );
    expect(zh.redaction(['Participant A', 'Participant B'], true)).toBe(
      '2 名参与者已化名（Participant A、Participant B）；文字中的电话号码和微信号已遮盖；详见 data/redaction-log.txt',
    );
    expect(zh.redaction([], false)).toBe('无');
    expect(zh.scope.kinds(['image', 'voice'])).toBe('类型：图片、语音');
    expect(en.scope.kinds(['image', 'voice'])).toBe('Kinds: image, voice');
  });
});
