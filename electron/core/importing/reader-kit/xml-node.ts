/** Safe navigation over fast-xml-parser output, which is untyped JSON. */

export function child(node: unknown, name: string): unknown {
  return node !== null && typeof node === 'object' && !Array.isArray(node)
    ? (node as Record<string, unknown>)[name]
    : undefined;
}

/** An element's text, whether the parser gave a plain string or an object with `#text` (when it has attributes). */
export function textOf(node: unknown): string | null {
  if (Array.isArray(node)) return textOf(node[0]);
  if (typeof node === 'string') return node.trim() || null;
  if (typeof node === 'number') return String(node);
  const text = child(node, '#text');
  return typeof text === 'string' || typeof text === 'number' ? textOf(text) : null;
}
