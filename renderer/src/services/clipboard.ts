/** Copies text; false when the page may not write to the clipboard, so the UI can ask for a manual copy. */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}
