import type { ExportMessage } from './export-message';
import type { BagFile } from './hashed-file';
import type { PartContext } from './part-context';
import type { PartSummary } from './part-summary';

/**
 * One output format of the payload (transcript, JSON lines, CSV). A writer is given messages one at a time in
 * the order they are exported and writes them as they come, so an export of any size streams.
 */
export interface MessageWriter {
  /** Bytes written so far (what a split by size counts). */
  readonly bytes: number;
  write(message: ExportMessage): Promise<void>;
  /**
   * Finishes the file and returns its digests for the manifests. `summary` is what the whole part holds (counts,
   * provenance), for a writer that states it; absent when a writer is used on its own.
   */
  close(summary?: PartSummary): Promise<BagFile>;
  /** Closes after a failure or a cancel; the staging folder is removed anyway. */
  abandon(): Promise<void>;
}

/** Creates a writer for one bag, whose root folder is `root`. */
export type MessageWriterFactory = (root: string, part: PartContext) => Promise<MessageWriter>;
