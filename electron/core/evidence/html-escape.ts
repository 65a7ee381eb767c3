const HTML_ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/**
 * Escapes text for HTML element content and quoted attribute values. Every piece of text that came from a
 * message, a name or a file goes through here: a `<script>` in a message is shown, never run.
 */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

/**
 * A CSS string literal (for `@page` margin boxes): backslash-escapes quotes and backslashes, and writes `<`, `>`
 * and line breaks as CSS escapes, so the value can neither end the string nor the `<style>` element.
 */
export function cssString(text: string): string {
  return `"${text.replace(/[\\"<>\n\r\f]/g, (c) => `\\${c.charCodeAt(0).toString(16)} `)}"`;
}

/** A relative URL to a file in the bag: each path segment percent-encoded, so `#`, `?` or spaces stay in the name. */
export function relativeUrl(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}
