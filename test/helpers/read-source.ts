import { expect } from 'vitest';
import { LocketError } from '../../electron/core/errors';
import type { ImportRecord, MediaReference, SourceMessage, SourceReader } from '../../electron/core/importing/model';

/** Everything a read yields, and the error that ended it, if any. The reader is closed either way. */
export async function readUntilError(
  reader: SourceReader,
  signal?: AbortSignal,
): Promise<{ records: ImportRecord[]; error: unknown }> {
  const records: ImportRecord[] = [];
  try {
    for await (const record of reader.read(signal)) records.push(record);
    return { records, error: null };
  } catch (error) {
    return { records, error };
  } finally {
    await reader.close();
  }
}

export function messagesOf(records: ImportRecord[]): SourceMessage[] {
  return records.filter((r): r is SourceMessage => r.type === 'message');
}

/** The path of a media reference found on disk; throws when it has none. */
export function pathOf(media: MediaReference | undefined): string {
  const location = media?.location;
  if (!location || !('path' in location)) throw new Error('media has no path');
  return location.path;
}

/** The read failed with `code`, naming the backup file it could not read. */
export function expectFailureNaming(error: unknown, code: string, file: string): void {
  expect(error).toBeInstanceOf(LocketError);
  expect((error as LocketError).code).toBe(code);
  expect((error as LocketError).details).toEqual({ file });
  expect((error as LocketError).message).toContain(file);
}

/** Aborting after the first message ends the read with `cancelled`, that message being the last one yielded. */
export async function expectCancelledAfterFirstMessage(reader: SourceReader): Promise<void> {
  const controller = new AbortController();
  const records: ImportRecord[] = [];
  await expect(
    (async () => {
      for await (const record of reader.read(controller.signal)) {
        records.push(record);
        if (record.type === 'message') controller.abort();
      }
    })(),
  ).rejects.toMatchObject({ code: 'cancelled' });
  expect(messagesOf(records)).toHaveLength(1);
  await reader.close();
}

/** `promise` rejects with a LocketError of `code`; returns it for further checks. */
export async function expectLocketError(promise: Promise<unknown>, code: string): Promise<LocketError> {
  const error: unknown = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(LocketError);
  expect((error as LocketError).code).toBe(code);
  return error as LocketError;
}
