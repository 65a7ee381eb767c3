/** Re-exported for evidence/copy-media.ts, outside importing; readers and the pipeline take it from the kit. */
export { sniffMime } from '../reader-kit/sniff-mime';
