import { isAbsolute, normalize } from 'node:path';
import type { ExportArgs, ExportLanguage, ExportNames, MessageKind } from '../../ipc/contract';
import { EXPORT_LANGUAGES, isExportLanguage } from './evidence-text';
import { LocketError } from '../errors';
import { MESSAGE_KINDS, parseQuery, type SearchQuery } from '../search/parse-query';
import { checkTimeZone } from '../time-zones';
import { hostTimeZone } from '../../common/zoned-time';

/**
 * One evidence export, validated once and frozen: the app and the CLI both build it from the same `ExportArgs`,
 * and nothing downstream checks an argument again (DiscordChatExporter's ExportRequest).
 */
export interface ExportRequest {
  readonly scope: ExportScope;
  readonly names: ExportNames;
  readonly redaction: RedactionRules;
  readonly timeZone: string;
  readonly lang: ExportLanguage;
  readonly caseReference: string | null;
  readonly exporterName: string | null;
  readonly organization: string | null;
  readonly format: 'folder' | 'zip';
  readonly includePdf: boolean;
  readonly split: { readonly maxMessages: number | null; readonly maxBytes: number | null };
  readonly outputPath: string;
  readonly requestId: string | null;
}

export interface ExportScope {
  /** In the order asked for; empty with a query (then every conversation the query finds). */
  readonly conversationIds: readonly number[];
  readonly query: SearchQuery | null;
  /** A selection of messages, exported exactly (never with a query); empty: whole conversations or the query's results. */
  readonly messageIds: readonly number[];
  /** UTC seconds, inclusive. */
  readonly after: number | null;
  /** UTC seconds, exclusive. */
  readonly before: number | null;
  /** Empty: every kind. */
  readonly kinds: readonly MessageKind[];
  /** Empty: every sender. */
  readonly senders: readonly string[];
}

export interface RedactionRules {
  /** Usernames, in the order their pseudonyms are given (Participant A, B, …). */
  readonly pseudonymize: readonly string[];
  readonly maskIdentifiers: boolean;
}

const NAMES: readonly ExportNames[] = ['remark', 'nickname', 'group', 'wxid'];
const MAX_LABEL = 200;
const MAX_LIST = 10_000;
/** A selection made with Shift+click in a long chat can be large; each id is a few bytes over IPC. */
const MAX_MESSAGE_IDS = 200_000;
/** Smaller parts would hold little more than their tag files. */
const MIN_PART_BYTES = 64 * 1024;

function invalid(message: string): LocketError {
  return new LocketError('invalid-argument', message);
}

/**
 * A label that goes into bag-info.txt and onto every printed page: one line (a line break would start a new
 * bag-info label), no control characters, at most 200 characters.
 */
function label(value: unknown, what: string): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'string') throw invalid(`The ${what} must be text.`);
  const text = value.trim();
  if (!text) return null;
  if (text.length > MAX_LABEL) throw invalid(`The ${what} is at most ${MAX_LABEL} characters.`);
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused here
  if (/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(text)) throw invalid(`The ${what} must be one line of text.`);
  return text;
}

function stringList(value: unknown, what: string): string[] {
  if (value === undefined || value === null) return [];
  if (
    !Array.isArray(value) ||
    value.length > MAX_LIST ||
    !value.every((v) => typeof v === 'string' && v.trim() !== '' && v.length <= 200)
  ) {
    throw invalid(`${what} must be a list of usernames.`);
  }
  return [...new Set(value.map((v: string) => v.trim()))];
}

function time(value: unknown, what: string): number | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'number' || !Number.isSafeInteger(value))
    throw invalid(`The ${what} date must be a time in whole UTC seconds.`);
  return value;
}

function positive(value: unknown, what: string, min: number): number | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min)
    throw invalid(`Split parts need ${what} of at least ${min}.`);
  return value;
}

/** Validates what the app or the CLI asked for. Throws invalid-argument naming the first thing wrong. */
export function buildExportRequest(args: ExportArgs): ExportRequest {
  if (!args || typeof args !== 'object') throw invalid('Say what to export.');
  const timeZone = args.timeZone === undefined ? hostTimeZone() : checkTimeZone(String(args.timeZone));

  const ids = args.conversationIds ?? [];
  if (!Array.isArray(ids) || ids.length > MAX_LIST || !ids.every((id) => Number.isSafeInteger(id)))
    throw invalid('Conversations are chosen by their ids.');
  const conversationIds = [...new Set(ids)];
  let query: SearchQuery | null = null;
  if (args.query !== undefined && args.query !== null) {
    if (typeof args.query !== 'string' || !args.query.trim()) throw invalid('The search query is empty.');
    // The query's own dates (after:2024-03-01) are days in the export's time zone.
    query = parseQuery(args.query, { timeZone });
  }
  const chosen = args.messageIds ?? [];
  if (
    !Array.isArray(chosen) ||
    chosen.length > MAX_MESSAGE_IDS ||
    !chosen.every((id) => Number.isSafeInteger(id) && id > 0)
  )
    throw invalid('Messages are chosen by their ids.');
  const messageIds = [...new Set(chosen)];
  // A selection is exact: narrowing it by a search too would export something the person never saw chosen.
  if (messageIds.length && query) throw invalid('Export either a search query or chosen messages, not both.');
  if (conversationIds.length === 0 && !query && messageIds.length === 0)
    throw invalid('Choose at least one conversation, a search query or messages to export.');

  const after = time(args.after, 'start');
  const before = time(args.before, 'end');
  if (after !== null && before !== null && after >= before) throw invalid('The date range must start before it ends.');
  const kinds = args.kinds ?? [];
  if (!Array.isArray(kinds) || !kinds.every((k) => MESSAGE_KINDS.includes(k)))
    throw invalid(`Kinds are among: ${MESSAGE_KINDS.join(', ')}.`);

  const lang = args.lang ?? 'en';
  if (!isExportLanguage(lang)) throw invalid(`The language is ${EXPORT_LANGUAGES.join(' or ')}.`);

  const names = args.names ?? 'group';
  if (!NAMES.includes(names)) throw invalid(`Names are shown by ${NAMES.join(', ')}.`);
  const pseudonymize = stringList(args.pseudonymize, 'Participants to pseudonymize');
  if (args.maskIdentifiers !== undefined && typeof args.maskIdentifiers !== 'boolean')
    throw invalid('maskIdentifiers is true or false.');
  const maskIdentifiers = args.maskIdentifiers ?? pseudonymize.length > 0;

  const format = args.format ?? 'folder';
  if (format !== 'folder' && format !== 'zip') throw invalid('The format is folder or zip.');
  if (typeof args.outputPath !== 'string' || !isAbsolute(args.outputPath))
    throw invalid('Choose where to write the export (an absolute path).');
  const split = args.split ?? {};
  if (typeof split !== 'object') throw invalid('Split by maxMessages or maxBytes.');

  const request: ExportRequest = {
    scope: Object.freeze({
      conversationIds: Object.freeze(conversationIds),
      query,
      messageIds: Object.freeze(messageIds),
      after,
      before,
      kinds: Object.freeze([...new Set(kinds)]),
      senders: Object.freeze(stringList(args.senders, 'Senders')),
    }),
    names,
    redaction: Object.freeze({ pseudonymize: Object.freeze(pseudonymize), maskIdentifiers }),
    timeZone,
    lang,
    caseReference: label(args.caseReference, 'case reference'),
    exporterName: label(args.exporterName, "exporter's name"),
    organization: label(args.organization, 'organization'),
    format,
    includePdf: args.includePdf === true,
    split: Object.freeze({
      maxMessages: positive(split.maxMessages, 'a message count', 1),
      maxBytes: positive(split.maxBytes, 'a size in bytes', MIN_PART_BYTES),
    }),
    outputPath: normalize(args.outputPath),
    requestId: label(args.requestId, 'request id'),
  };
  return Object.freeze(request);
}

/** Whether the export is written as several bags (then `outputPath` is the folder that holds them). */
export function isSplit(request: ExportRequest): boolean {
  return request.split.maxMessages !== null || request.split.maxBytes !== null;
}
