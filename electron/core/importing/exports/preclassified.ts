import type { StoredPayload } from '../../../common/message-kinds';
import { DISPLAY_TEXT, classifyMessage } from '../classify-message';
import type { ClassifiedBody, MessageKind } from '../model';

/**
 * Building the `preclassified` field (model.ts) for exports whose bodies are rendered text. Each payload is checked
 * against its kind's shape (electron/common/message-kinds.ts), with only the fields the export really has.
 */
export type Preclassified = ClassifiedBody;

/** One kind's `Preclassified`; for a union of kinds, the union of theirs. */
type PreclassifiedAs<K extends MessageKind> = Extract<Preclassified, { kind: K }>;

/**
 * A kind with its text; an empty text becomes the kind's placeholder ("[Image]"), as the classifier shows it. The
 * payload must fit the kind (`StoredPayload<K>`): a field the kind does not have is a compile error.
 */
export function preclassified<K extends MessageKind>(
  kind: K,
  text: string | null | undefined,
  payload: StoredPayload<K> = {},
): PreclassifiedAs<K> {
  const shown = text?.trim() ? text : DISPLAY_TEXT.kind[kind];
  // The compiler cannot match a generic kind to its member of the union; the parameters above are what it checks.
  return { kind, text: shown, payload: compact(payload) } as PreclassifiedAs<K>;
}

/** Plain text, call and system bodies need no XML: the classifier reads them as they are (revoke wording included). */
export function classifyPlainText(rawType: 1 | 50 | 10000, text: string): Preclassified {
  const { kind, text: shown, payload } = classifyMessage({ rawType, rawSubType: null, content: text });
  return { kind, text: shown, payload };
}

/** "[Transfer] ￥200.00" style: the kind's token, then the detail when there is one. */
export function withDetail(kind: MessageKind, detail: string | null | undefined): string {
  const token = DISPLAY_TEXT.kind[kind];
  return detail?.trim() ? `${token} ${detail.trim()}` : token;
}

/** The decimal amount in a fee text such as "￥1,200.50", as a string so cents never drift. */
export function amountOf(feeDesc: string | undefined): string | undefined {
  return feeDesc ? /\d+(?:\.\d+)?/.exec(feeDesc.replace(/,/g, ''))?.[0] : undefined;
}

/** Drops undefined fields, so payloads hold only what the export had. */
export function compact<T extends Record<string, unknown>>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as T;
}
