import type { ExportLanguage } from '../../ipc/contract';
import type { EvidenceText } from './evidence-text-shape';
import { EVIDENCE_TEXT_EN } from './evidence-text-en';
import { EVIDENCE_TEXT_ZH_CN } from './evidence-text-zh-cn';

export type { EvidenceText, MediaRoleName, VerifyScriptText } from './evidence-text-shape';

export const EXPORT_LANGUAGES: readonly ExportLanguage[] = ['en', 'zh-CN'];

export function isExportLanguage(value: unknown): value is ExportLanguage {
  return EXPORT_LANGUAGES.includes(value as ExportLanguage);
}

const TEXTS: Readonly<Record<ExportLanguage, EvidenceText>> = { en: EVIDENCE_TEXT_EN, 'zh-CN': EVIDENCE_TEXT_ZH_CN };

export function evidenceText(lang: ExportLanguage): EvidenceText {
  return TEXTS[lang];
}
