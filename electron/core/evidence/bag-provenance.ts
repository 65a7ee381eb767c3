import type { SourceFormat, SourceOrigin } from '../../ipc/contract';
import { all, type ReadOnlyDatabase } from '../db/sqlite';
import { LOCKET_VERSION } from '../version';
import type { PartContext } from './part-context';
import type { Redactor } from './redactor';

/** Bumped when a field of provenance.json changes meaning (README, "Evidence export", `provenance.json`). */
export const PROVENANCE_SCHEMA = 'locket-provenance-v1';

/**
 * The first Locket whose imports record the version that imported and the source's origin. An import without them
 * was made by an earlier one, and the bag says so rather than guess.
 */
export const ORIGIN_RECORDED_SINCE = '0.2.0';

export interface ProvenanceFile {
  /** Relative to the source (an absolute path recorded by an older import is cut to its own name). */
  path: string;
  bytes: number;
  sha256: string;
}

export interface ProvenanceSource {
  format: SourceFormat;
  /** The source's own name: the folder's or file's base name, never where it sat. */
  name: string;
  origin: SourceOrigin | null;
  files: ProvenanceFile[];
}

export interface ProvenanceImport {
  importId: string;
  /** UTC ISO 8601. */
  importedAt: string;
  finishedAt: string | null;
  /** Null: not recorded (the import predates ORIGIN_RECORDED_SINCE). */
  locketVersion: string | null;
  /** `format@version` of each reader, as the import log records them. */
  readers: string[];
  /** Messages of this bag that this import brought into the vault. */
  messages: number;
  sources: ProvenanceSource[];
}

/** provenance.json: where every message of one bag came from. Language-neutral; the transcript words it. */
export interface BagProvenance {
  schema: typeof PROVENANCE_SCHEMA;
  bagId: string;
  exportId: string;
  exportedAt: string;
  locketVersion: string;
  messages: number;
  /** Messages whose import is not recorded (stored before imports were linked, or their import log row is gone). */
  messagesWithoutImport: number;
  imports: ProvenanceImport[];
}

function iso(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The last part of a path written on any system (`/` or `\\` separated). */
export function ownName(path: string): string {
  return path.split(/[\\/]/).filter(Boolean).pop() ?? path;
}

function isAbsolutePath(path: string): boolean {
  return path.startsWith('/') || path.startsWith('\\') || /^[A-Za-z]:[\\/]/.test(path);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

const str = (value: unknown): string | null => (typeof value === 'string' ? value : null);

function readOrigin(value: unknown): SourceOrigin | null {
  if (!value || typeof value !== 'object') return null;
  const origin: SourceOrigin = {};
  for (const key of ['deviceName', 'deviceModel', 'osVersion', 'wechatVersion', 'formatVersion', 'tool'] as const) {
    const v = str((value as Record<string, unknown>)[key]);
    if (v) origin[key] = v;
  }
  return Object.keys(origin).length ? origin : null;
}

/**
 * The sources of one import as its log row records them. A bag leaves the computer: each source is named by its
 * own name, never the folder it sat in (which says who and where: `/home/li/…`, `C:\Users\…`); the SHA-256
 * identifies the file all the same. Names go through the export's redaction, like every other text.
 */
function readSources(sourceFiles: string, redactor: Redactor): ProvenanceSource[] {
  const parsed = parseJson(sourceFiles);
  if (!Array.isArray(parsed)) return [];
  return parsed.flatMap((s: unknown): ProvenanceSource[] => {
    if (!s || typeof s !== 'object') return [];
    const source = s as { path?: unknown; format?: unknown; files?: unknown; origin?: unknown };
    const files = Array.isArray(source.files) ? source.files : [];
    return [
      {
        format: (str(source.format) ?? 'unknown') as SourceFormat,
        name: redactor.text(ownName(str(source.path) ?? '')),
        origin: readOrigin(source.origin),
        files: files.flatMap((f: unknown): ProvenanceFile[] => {
          const { path, bytes, sha256 } = (f ?? {}) as { path?: unknown; bytes?: unknown; sha256?: unknown };
          if (typeof path !== 'string' || typeof sha256 !== 'string') return [];
          return [
            {
              path: redactor.text(isAbsolutePath(path) ? ownName(path) : path),
              bytes: typeof bytes === 'number' ? bytes : 0,
              sha256,
            },
          ];
        }),
      },
    ];
  });
}

/**
 * What one bag says of where its messages came from: each import that brought any of them (messages keep the id of
 * their import), with the sources it read and each file's SHA-256 as it was hashed then, when it ran and which
 * Locket ran it. `byImport` counts the bag's messages per import id (null: none recorded).
 */
export function buildProvenance(
  catalog: ReadOnlyDatabase,
  context: PartContext,
  byImport: ReadonlyMap<number | null, number>,
  redactor: Redactor,
): BagProvenance {
  const ids = [...byImport.keys()].filter((id): id is number => id !== null).sort((a, b) => a - b);
  const rows = new Map(
    (ids.length
      ? all<{
          id: number;
          started_at: number;
          finished_at: number | null;
          reader_version: string;
          source_files: string;
          report: string;
        }>(
          catalog,
          `SELECT id, started_at, finished_at, reader_version, source_files, report FROM import_log WHERE id IN (${ids.map(() => '?').join(',')})`,
          ids,
        )
      : []
    ).map((r) => [r.id, r]),
  );
  let withoutImport = byImport.get(null) ?? 0;
  const imports: ProvenanceImport[] = [];
  for (const id of ids) {
    const row = rows.get(id);
    const messages = byImport.get(id) ?? 0;
    if (!row) {
      withoutImport += messages;
      continue;
    }
    const report = parseJson(row.report) as { locketVersion?: unknown } | null;
    imports.push({
      importId: String(id),
      importedAt: iso(row.started_at),
      finishedAt: row.finished_at === null ? null : iso(row.finished_at),
      locketVersion: str(report?.locketVersion) ?? null,
      readers: row.reader_version.split(',').filter(Boolean),
      messages,
      sources: readSources(row.source_files, redactor),
    });
  }
  return {
    schema: PROVENANCE_SCHEMA,
    bagId: context.bagId,
    exportId: context.exportId,
    exportedAt: iso(context.exportedAt),
    locketVersion: LOCKET_VERSION,
    messages: [...byImport.values()].reduce((sum, n) => sum + n, 0),
    messagesWithoutImport: withoutImport,
    imports,
  };
}

/** provenance.json's text: two-space JSON and a final newline, so it reads in any editor and diffs by line. */
export function provenanceJson(provenance: BagProvenance): string {
  return `${JSON.stringify(provenance, null, 2)}\n`;
}

/** How an origin reads on one line of bag-info.txt: `device "…"; model …; iOS …; WeChat …`. */
function originLine(origin: SourceOrigin | null): string {
  if (!origin) return '';
  const parts = [
    origin.deviceName !== undefined ? `device "${origin.deviceName}"` : null,
    origin.deviceModel !== undefined ? `model ${origin.deviceModel}` : null,
    origin.osVersion !== undefined ? `iOS ${origin.osVersion}` : null,
    origin.wechatVersion !== undefined ? `WeChat ${origin.wechatVersion}` : null,
    origin.formatVersion !== undefined ? `format version ${origin.formatVersion}` : null,
    origin.tool !== undefined ? `written by "${origin.tool}"` : null,
  ].filter((p): p is string => p !== null);
  return parts.length ? `; ${parts.join('; ')}` : '';
}

/**
 * bag-info.txt's labels for the same facts: one `Locket-Source` per source of each import (when, what, which
 * Locket, the device), one `Locket-Source-File` per file with its SHA-256, and `Locket-Provenance` naming the tag
 * file that holds them all as JSON.
 */
export function provenanceLabels(provenance: BagProvenance): [string, string][] {
  const labels: [string, string][] = [];
  for (const entry of provenance.imports) {
    const by = entry.locketVersion
      ? `imported by Locket ${entry.locketVersion}`
      : `Locket version not recorded (imported before Locket ${ORIGIN_RECORDED_SINCE})`;
    for (const source of entry.sources) {
      labels.push([
        'Locket-Source',
        `import #${entry.importId} on ${entry.importedAt}: ${source.format} (${entry.readers.join(', ')}) from ${source.name}; ${by}${originLine(source.origin)}; ${entry.messages} messages in this bag`,
      ]);
      for (const f of source.files)
        labels.push(['Locket-Source-File', `${f.sha256} ${f.bytes} ${f.path} (import #${entry.importId})`]);
    }
  }
  labels.push([
    'Locket-Provenance',
    `provenance.json (${PROVENANCE_SCHEMA}): ${provenance.imports.length} imports; ${provenance.messagesWithoutImport} messages without a recorded import`,
  ]);
  return labels;
}
