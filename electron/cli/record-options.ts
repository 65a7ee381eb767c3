import { certificateAsText, readableCertificate } from '../common/certificate-lines';
import { seededClassName } from '../common/seeded-classes';
import { hostTimeZone } from '../common/zoned-time';
import { RecordWriter, recordLanguageOf, type RecordLanguage, type RecordNames } from '../common/record-language';
import { LocketError } from '../core/errors';
import { checkTimeZone } from '../core/time-zones';
import type { CommandContext, OptionSpec } from './command';
import { terminalLine } from './terminal-text';

/** `--lang` and `--time-zone`: how `audit`, `wipe` and `verify-certificate` write their records for people. */
export const recordOptions: OptionSpec = {
  lang: { type: 'string' },
  'time-zone': { type: 'string' },
};

export const RECORD_OPTIONS_USAGE = '[--lang en|zh-CN] [--time-zone TZ]';

/**
 * The language asked for with --lang, else the environment's (LC_ALL, then LC_MESSAGES, then LANG, as POSIX reads
 * them: zh* is Chinese, anything else English).
 */
export function languageOf(ctx: CommandContext): RecordLanguage {
  const given = ctx.options.lang;
  if (given !== undefined) {
    const language = typeof given === 'string' ? recordLanguageOf(given) : null;
    if (!language)
      throw new LocketError('invalid-argument', `--lang takes en or zh-CN, not "${String(given)}".`, {
        lang: String(given),
      });
    return language;
  }
  const env = ctx.io.env;
  const tag = [env.LC_ALL, env.LC_MESSAGES, env.LANG].find((v) => typeof v === 'string' && v.trim() !== '');
  return (tag && recordLanguageOf(tag)) || 'en';
}

/** The zone asked for with --time-zone, else this computer's. */
function timeZoneOf(ctx: CommandContext): string {
  const given = ctx.options['time-zone'];
  if (given === undefined) return hostTimeZone();
  if (typeof given !== 'string') throw new LocketError('invalid-argument', '--time-zone takes an IANA zone name.');
  return checkTimeZone(given);
}

/** The writer for this command's records; names resolve ids to what the vault calls them. */
export function recordWriterFor(ctx: CommandContext, names: RecordNames = {}): RecordWriter {
  return new RecordWriter(languageOf(ctx), timeZoneOf(ctx), names);
}

/** Names a class by its stored name, a seeded class in the language of the record (electron/common/seeded-classes.ts). */
export function seededIn(lang: RecordLanguage): (id: number, storedName: string) => string {
  return (_id, storedName) => seededClassName(storedName, lang);
}

/** A certificate body for the terminal: the readable certificate, with every line made safe to print. */
export function certificateForTerminal(w: RecordWriter, body: unknown): string {
  const readable = readableCertificate(w, body);
  return certificateAsText({
    ...readable,
    sections: readable.sections.map((s) => ({ ...s, lines: s.lines.map(terminalLine) })),
  });
}
