import { createReadStream, promises as fs } from 'node:fs';
import { join } from 'node:path';
import { HashedFile, type BagFile } from './hashed-file';

const FLUSH_BYTES = 256 * 1024;

/**
 * A bag file whose beginning is known only at its end: the transcript's cover states how many messages the bag holds,
 * what it leaves out and where they came from, which the export learns as it writes them. The body streams into a
 * scratch file in the bag's root; closing writes the real file (hashed on the way, like every payload file) as the
 * head, the body copied back in chunks, and the tail, then removes the scratch file. Nothing is held whole in memory.
 */
export class DeferredHeadFile {
  /** The body's text not written yet, as strings: encoded once per flush, not once per message. */
  private pending: string[] = [];
  private pendingBytes = 0;
  private written = 0;

  private constructor(
    private readonly root: string,
    private readonly relPath: string,
    private readonly scratch: string,
    private readonly handle: fs.FileHandle,
  ) {}

  static async create(root: string, relPath: string): Promise<DeferredHeadFile> {
    // In the bag's root, never in data/: were it left behind, it could not pass for a payload file.
    const scratch = join(root, `.${relPath.replace(/\//g, '-')}.body`);
    return new DeferredHeadFile(root, relPath, scratch, await fs.open(scratch, 'wx'));
  }

  /** Body bytes so far (what a split by size counts). */
  get bytes(): number {
    return this.written + this.pendingBytes;
  }

  async write(data: string): Promise<void> {
    if (data.length === 0) return;
    this.pending.push(data);
    this.pendingBytes += Buffer.byteLength(data, 'utf8');
    if (this.pendingBytes >= FLUSH_BYTES) await this.flush();
  }

  /** Writes `head`, the body and `tail` as the bag file and returns its digests. */
  async close(head: string, tail: string): Promise<BagFile> {
    try {
      await this.flush();
    } finally {
      await this.handle.close();
    }
    const file = await HashedFile.create(this.root, this.relPath);
    try {
      await file.write(head);
      for await (const chunk of createReadStream(this.scratch, { highWaterMark: FLUSH_BYTES }))
        await file.write(chunk as Buffer);
      await file.write(tail);
      return await file.close();
    } catch (error) {
      await file.abandon();
      throw error;
    } finally {
      await fs.rm(this.scratch, { force: true });
    }
  }

  async abandon(): Promise<void> {
    await this.handle.close().catch(() => undefined);
    await fs.rm(this.scratch, { force: true });
  }

  private async flush(): Promise<void> {
    if (this.pendingBytes === 0) return;
    const data = Buffer.from(this.pending.join(''), 'utf8');
    this.pending = [];
    this.pendingBytes = 0;
    await this.handle.write(data);
    this.written += data.length;
  }
}
