import { evidenceText, type EvidenceText } from '../../electron/core/evidence/evidence-text';

const en = evidenceText('en');

/**
 * English a Chinese bag must not show: the labels, headings and sentences of an English bag's transcript and
 * verify.html, from the English table, and the English forms of days and placeholders.
 */
export function englishLabels(text: EvidenceText = en): string[] {
  const t = text.transcript;
  const v = text.verify.script;
  return [
    t.caseReference,
    t.exportedBy,
    t.exportedAt,
    t.timesShownIn,
    t.groupChat,
    t.oneToOneChat,
    'End of transcript',
    'WeChat messages exported',
    'Conversations:',
    'Names shown by',
    'Redaction:',
    'From:',
    'Until',
    'Kinds:',
    'Senders:',
    text.verify.title,
    text.verify.chooseFolder,
    text.verify.aboutBag,
    text.verify.expectedKeyLabel,
    'Who signed it?',
    'Other ways to check',
    v.noFolder,
    v.intact,
    v.signature,
    v.keyFingerprint,
    v.signer,
    v.filesChecked,
    v.baggedOn,
    v.timeZone,
    'Not confirmed',
    'Monday',
    'January',
    '[Image]',
    '[Voice',
    'Voice message',
    'Unknown sender',
  ];
}
