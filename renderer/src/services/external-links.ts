/**
 * Hands a web link to the user's browser. The page never navigates itself: window.open is refused by the main
 * process, which offers the link to the system browser instead (electron/main/security.ts).
 */
export function isWebLink(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}

export function openInBrowser(url: string): void {
  if (!isWebLink(url)) return;
  window.open(url, '_blank', 'noopener,noreferrer');
}
