import type { MessageKind, PreviewLine } from '../../common/message-kinds';
import type { ExportLanguage, ExportNames } from '../../ipc/contract';

/** The shape of a bag's words in one language; each language's table (evidence-text-en.ts, -zh-cn.ts) fills it. */

/** A placeholder line: a kind's token with its seconds or detail ("[Image]", "[语音 3″]", "[位置] 天安门"). */
export type PlaceholderLine = Exclude<PreviewLine, { kind: 'text' }>;

/** What the media of a message can be in a transcript, by role. */
export type MediaRoleName = 'image' | 'voice' | 'video' | 'file' | 'sticker' | 'thumbnail';

/**
 * Every word a bag's readable files say, in one language: the transcript and its PDF, verify.html, the redaction
 * log and bag-info.txt's sentences. Each language is one object of this type (evidence-text-en.ts,
 * evidence-text-zh-cn.ts), so the compiler refuses a language that leaves a text out. The machine-readable files
 * (messages.jsonl, messages.csv, manifests) never read this: they are the same in every language.
 */
export interface EvidenceText {
  /** `<html lang>`, so browsers and screen readers pick the right fonts and voice. */
  readonly htmlLang: ExportLanguage;
  /** A list in running text: `a, b, c` or `a、b、c`. */
  list(items: readonly string[]): string;
  /** `label: value` as the language writes it (`Kinds: all`, `类型：全部`). */
  labelled(label: string, value: string): string;
  /** A count of messages, with the noun in the right form. */
  messages(count: number): string;
  conversations(count: number): string;
  /** A size under 1 KB (larger ones are `12.3 KB` in every language). */
  bytes(count: number): string;
  /** A day separator: `Monday, 1 January 2024`, `2024年1月1日 星期一`. `weekday` 0 is Sunday; `month` from 1. */
  day(year: number, month: number, day: number, weekday: number): string;
  /** Kinds by name: the one table the app words them from too (electron/common/kind-names.ts). */
  readonly kinds: Readonly<Record<MessageKind | 'message', string>>;
  /** A placeholder the vault stores in English in a message's text, as this language shows it. */
  placeholder(line: PlaceholderLine): string;

  readonly transcript: {
    /** The cover's heading and the page's `<title>`. */
    title(caseReference: string | null): string;
    documentTitle(caseReference: string | null): string;
    subtitle(part: number | null): string;
    readonly caseReference: string;
    readonly exportedBy: string;
    readonly organization: string;
    readonly exportedAt: string;
    readonly timesShownIn: string;
    readonly bag: string;
    readonly export: string;
    exportPart(exportId: string, part: number): string;
    /** HTML (no message data): how to check the bag. */
    readonly coverNoteHtml: string;
    readonly groupChat: string;
    readonly oneToOneChat: string;
    end(messages: number, conversations: number): string;
    readonly unknownSender: string;
    /** Before WeChat's own message id under each message. */
    readonly sourceId: string;
    /** Above a quoted message: when it was sent, as the export's zone shows it (`2024-01-01`, `08:03:00`). */
    quotedSentAt(date: string, time: string): string;
  };

  readonly media: {
    readonly roles: Readonly<Record<MediaRoleName, string>>;
    notIncluded(what: string, reason: string): string;
    readonly notInBackup: string;
    readonly outsideBackup: string;
    readonly notInVault: string;
    readonly unknownReason: string;
    readonly imageAlt: string;
    readonly stickerAlt: string;
    readonly videoThumbnailAlt: string;
    voice(duration: string | null): string;
    video(duration: string | null): string;
    readonly linkKind: string;
    readonly miniprogramKind: string;
    readonly recordKind: string;
  };

  /** The line about a message beyond its text (a card in the transcript; the CSV's `details`, always in English). */
  readonly describe: {
    file(name: string, size: string | null): string;
    voice(duration: string | null): string;
    video(duration: string | null): string;
    location(parts: readonly string[]): string;
    readonly transfer: string;
    readonly redPacket: string;
    contactCard(detail: string): string;
    call(detail: string): string;
    replyTo(sender: string | null, text: string): string;
    chatHistory(title: string, count: number): string;
    notInVault(role: string, reason: string): string;
    /** Between the parts of a transfer's or red packet's line. */
    readonly separator: string;
  };

  /** What was exported and how: the transcript's first page. */
  readonly scope: {
    conversations(names: readonly string[]): string;
    readonly everyChosenConversation: string;
    readonly everyResultConversation: string;
    search(query: string): string;
    chosenMessages(count: number): string;
    readonly fromFirst: string;
    from(when: string): string;
    readonly untilLast: string;
    until(when: string): string;
    /** Empty: every kind. */
    kinds(kinds: readonly MessageKind[]): string;
    /** Empty: every sender. */
    senders(senders: readonly string[]): string;
    names(mode: ExportNames): string;
    redaction(summary: string): string;
  };

  /** bag-info.txt's Locket-Redaction and the cover's redaction line. */
  redaction(pseudonyms: readonly string[], isMasked: boolean): string;

  readonly redactionLog: {
    readonly heading: string;
    readonly appliedTo: string;
    /** Each rule's paragraph, numbered `number`. */
    pseudonyms(number: number, names: readonly string[], replacements: number): string[];
    phones(number: number, mask: string, count: number): string[];
    wechatIds(number: number, mask: string, count: number): string[];
    readonly notRedacted: string[];
  };

  /** The printed pages' margins: CSS `content` values are built from these. */
  readonly page: {
    left(caseReference: string | null): string;
    footer(timeZone: string, part: number | null): string;
  };

  readonly bagInfo: {
    description(messages: number, conversations: number): string;
    /** The value of an organization, exporter or case reference nobody gave. */
    readonly notGiven: string;
  };

  readonly verify: VerifyPageText;
}

/**
 * verify.html's words. `…Html` texts are markup Locket wrote (never data from the bag); the others are plain text,
 * and `{name}` in them is filled in by the page's script.
 */
export interface VerifyPageText {
  readonly title: string;
  readonly leadHtml: string;
  readonly stepsHtml: readonly string[];
  readonly keyWarningHtml: string;
  readonly expectedKeyLabel: string;
  readonly expectedKeyPlaceholder: string;
  readonly chooseFolder: string;
  readonly whatIsWrong: string;
  readonly aboutBag: string;
  readonly footHtml: string;
  /** The script's texts. */
  readonly script: VerifyScriptText;
}

export interface VerifyScriptText {
  readonly noFolder: string;
  readonly checking: string;
  readonly checkFailed: string;
  readonly notAFingerprint: string;
  readonly notBagFolder: string;
  readonly notBagFolderWhy: string;
  readonly noBagitVersion: string;
  readonly notDigestLine: string;
  readonly tagManifestMissing: string;
  readonly noPayloadManifest: string;
  /** `{n}`, `{total}`, `{path}`. */
  readonly checkingFile: string;
  readonly listedNotInFolder: string;
  /** `{alg}`. */
  readonly digestMismatch: string;
  readonly clutterHint: string;
  /** `{hint}`. */
  readonly unexpectedInData: string;
  /** `{hint}`. */
  readonly unexpectedTagFile: string;
  /** `{bytes}`, `{files}`, `{total}`, `{count}`. */
  readonly oxumMismatch: string;
  readonly keyMissing: string;
  readonly keyNotEd25519: string;
  readonly keyNotNamedProblem: string;
  readonly keyNotNamed: string;
  readonly unsupported: string;
  /** `{manifest}`. */
  readonly signatureMissingProblem: string;
  /** `{file}`. */
  readonly signatureMissing: string;
  readonly signatureMalformedProblem: string;
  /** `{file}`. */
  readonly signatureDamaged: string;
  /** `{file}`. */
  readonly signatureInvalidProblem: string;
  /** `{manifest}`. */
  readonly signatureInvalid: string;
  readonly words: Readonly<Record<VerifyProblem, string>>;
  readonly listSeparator: string;
  /** Between a problem's word and its file in the verdict (`changed: data/x`). */
  readonly tagSeparator: string;
  readonly detailSeparator: string;
  readonly notIntact: string;
  /** `{count}`, `{names}`. */
  readonly problemsOne: string;
  readonly problemsOther: string;
  readonly otherKey: string;
  /** `{actual}`, `{expected}`. */
  readonly otherKeySub: string;
  readonly intactExpected: string;
  /** `{count}`. */
  readonly intactExpectedSub: string;
  readonly intact: string;
  /** `{count}`. */
  readonly intactSub: string;
  readonly unchecked: string;
  readonly brokenSignature: string;
  readonly signature: string;
  readonly signatureValidButChanged: string;
  readonly signatureValid: string;
  /** `{why}`. */
  readonly signatureNotChecked: string;
  /** `{why}`. */
  readonly signatureNotValid: string;
  readonly keyFingerprint: string;
  readonly signer: string;
  readonly signerNotConfirmed: string;
  /** `{expected}`. */
  readonly signerOther: string;
  readonly signerExpected: string;
  readonly filesChecked: string;
  readonly caseReference: string;
  readonly exportedBy: string;
  readonly organization: string;
  readonly baggedOn: string;
  readonly bag: string;
  readonly part: string;
  /** bag-info's `Bag-Count` (`2 of 3`): `{n}`, `{total}`. */
  readonly partOf: string;
  readonly messages: string;
  readonly timeZone: string;
}

export type VerifyProblem = 'changed' | 'missing' | 'unexpected' | 'malformed' | 'oxum-mismatch' | 'signature-invalid';
