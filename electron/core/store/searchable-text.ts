/**
 * What of a message search reads: its text (what a person sees in the chat: the words, a link's or file's title)
 * and, for links and files, the fields of the card that the text does not already hold: the title, the file name
 * and a link's description. Sender names are not indexed: `from:` finds people, and a name in every message
 * would match every message of that person.
 *
 * The index, the exact check and the snippet all read this same string, so a highlight always lands on what matched.
 */

const CARD_KINDS: ReadonlySet<string> = new Set(['link', 'file']);
const CARD_FIELDS = ['title', 'fileName', 'description'] as const;

export function searchableText(kind: string, text: string, payload: string | null): string {
  if (!CARD_KINDS.has(kind) || !payload) return text;
  let fields: Record<string, unknown>;
  try {
    fields = JSON.parse(payload) as Record<string, unknown>;
  } catch {
    return text;
  }
  let out = text;
  for (const name of CARD_FIELDS) {
    const value = fields[name];
    if (typeof value === 'string' && value.trim() !== '' && !out.includes(value)) out += `\n${value}`;
  }
  return out;
}
