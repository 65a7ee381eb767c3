/**
 * Paths of files or folders dropped onto the window, from the preload's webUtils.getPathForFile (Electron 32+
 * removed `File.path`). A plain page has no preload and no paths: callers get null and show a hint to type the path.
 */
export function droppedPaths(transfer: DataTransfer | null): string[] | null {
  if (!transfer || transfer.files.length === 0) return null;
  const paths: string[] = [];
  for (const file of Array.from(transfer.files)) {
    const path =
      typeof window.locket?.pathForFile === 'function'
        ? window.locket.pathForFile(file)
        : (file as File & { path?: unknown }).path;
    if (typeof path !== 'string' || path === '') return null;
    paths.push(path);
  }
  return paths;
}

/** True while something dragged over the window carries files (a folder counts), so the drop zone can light up. */
export function isFileDrag(transfer: DataTransfer | null): boolean {
  return transfer !== null && Array.from(transfer.types).includes('Files');
}
