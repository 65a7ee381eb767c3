/**
 * What Chinese text about a bag may keep in Latin letters: names of formats, algorithms and systems, the product,
 * size units, and the bag's own file and folder names. Anything else is an English word left untranslated.
 */
const NAMES = [
  /\b[\w.-]+\.(?:txt|json|sig|csv|html|jsonl|zip)\b/g,
  /\bdata\//g,
  /Payload-Oxum|BagIt|Locket|SHA-256|SHA-512|Ed25519|base64|ZIP64|CRC|UTF-8|Unicode|NUL|JSON|deflate/g,
  /Windows|macOS|GiB|MiB/g,
  /\b0x[0-9a-f]+\b/g,
];

/**
 * The Latin words (two letters or more) left in `text` once `names` (file names the text names, as found in the
 * bag) and the names above are taken out: an empty list when nothing is left in English.
 */
export function untranslatedWords(text: string, names: readonly string[] = []): string[] {
  const withoutNames = [...names]
    // A number is no English word, and taking one out could cut a file name (`12` out of `sha512`).
    .filter((name) => /[A-Za-z]/.test(name))
    .sort((a, b) => b.length - a.length)
    .reduce((said, name) => said.replaceAll(name, ' '), text);
  return NAMES.reduce<string>((said, name) => said.replace(name, ' '), withoutNames).match(/[A-Za-z]{2,}/g) ?? [];
}

/** A problem as `bags.verify` reports it (only what its words are made from). */
interface ReportedProblem {
  file: string;
  problem: string;
  detail: string;
  reason?: string;
  values?: string[];
}

/**
 * How each problem reads in Chinese, and what is wrong with that: a problem without a reason, English words (the
 * problem's file and the names its values give aside; zlib's message is no name), or no Chinese at all. Each line
 * names the problem, so a failing test shows which.
 */
export function unsaidInChinese(
  problems: readonly ReportedProblem[],
  inChinese: (p: ReportedProblem) => string,
): string[] {
  return problems.flatMap((p) => {
    if (!p.reason) return [`${p.file}: no reason (${p.detail})`];
    const words = inChinese(p);
    const names = p.reason === 'inflate-failed' ? [] : (p.values ?? []);
    const left = untranslatedWords(words, [p.file, ...names]);
    if (left.length > 0) return [`${p.file} ${p.reason}: English left (${left.join(' ')}): ${words}`];
    if (!/[\u4e00-\u9fff]/.test(words)) return [`${p.file} ${p.reason}: no Chinese: ${words}`];
    return [];
  });
}
