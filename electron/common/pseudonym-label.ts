import type { RecordLanguage } from './record-language';

/**
 * The name the n-th pseudonymized person is given in an export (0: "Participant A", 26: "Participant AA"), like
 * spreadsheet columns, in the bag's language ("参与者 A"). The export dialog shows the very words the recipient
 * will read, and the assistant's answers (always English) use the same labels.
 */
export function pseudonymLabel(index: number, lang: RecordLanguage = 'en'): string {
  let letters = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26))
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return `${PARTICIPANT[lang]} ${letters}`;
}

const PARTICIPANT: Record<RecordLanguage, string> = { en: 'Participant', 'zh-CN': '参与者' };

/** What a masked phone number and a masked WeChat ID read as in a bag of each language. */
export const REDACTION_MASKS: Readonly<Record<RecordLanguage, { phone: string; wechatId: string }>> = {
  en: { phone: '[phone]', wechatId: '[WeChat ID]' },
  'zh-CN': { phone: '[电话号码]', wechatId: '[微信号]' },
};
