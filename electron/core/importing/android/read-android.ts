import { stat } from 'node:fs/promises';
import { LocketError } from '../../errors';
import type { ImportRecord, PreviousRead, SourceDescription, SourceReader } from '../model';
import { throwIfAborted } from '../reader-kit/cancelled';
import { openSourceDb, type SourceDb } from '../reader-kit/open-source-db';
import { markOf, resumeFrom } from '../reader-kit/source-marks';
import { iterateRows } from '../reader-kit/source-rows';
import { readAndroidDirectory } from './android-directory';
import { readImageIndex } from './android-image-index';
import { AndroidMediaFinder } from './find-android-media';
import { locateAndroid, type AndroidLayout } from './locate-android';
import { mapAndroidMessage, selectMessages } from './map-android-message';

const ENCRYPTED_MESSAGE =
  'is encrypted, as Android WeChat stores it. Locket never decrypts WeChat databases; import a decrypted copy ' +
  '(a plain SQLite file with the same tables) instead.';

/**
 * Reads a decrypted Android EnMicroMsg.db (docs/wechat-formats.md §4): the owner from `userinfo`, contacts from
 * `rcontact` and `img_flag`, groups from `chatroom`, conversations from `rconversation` and the message talkers,
 * then every `message` row, with images, voice, video and files found in the media folders beside the database.
 * Construct it with the user folder (holding EnMicroMsg.db) or the database file itself.
 */
export class AndroidReader implements SourceReader {
  readonly format = 'android' as const;
  readonly version = '1';
  private layout: Promise<AndroidLayout> | null = null;

  /** `previous`: what earlier imports read of this database (incremental import, reader-kit/source-marks.ts). */
  constructor(
    private readonly path: string,
    private readonly previous?: PreviousRead,
  ) {}

  async describe(): Promise<SourceDescription> {
    const layout = await this.locate();
    const db = await openAndroidDb(layout);
    try {
      const directory = readAndroidDirectory(db);
      const estimatedMessages = db.all<{ n: number }>('SELECT COUNT(*) AS n FROM message')[0]?.n ?? 0;
      return {
        format: this.format,
        owner: directory.owner,
        ownerName: directory.ownerName,
        files: [layout.provenance],
        estimatedMessages,
      };
    } finally {
      db.close();
    }
  }

  async *read(signal?: AbortSignal): AsyncIterable<ImportRecord> {
    throwIfAborted(signal);
    const layout = await this.locate();
    const db = await openAndroidDb(layout);
    try {
      const directory = readAndroidDirectory(db);
      // Contacts and groups before messages (model.ts); then every conversation, so messages never arrive first.
      yield* directory.contacts;
      yield* directory.groups;
      yield* directory.conversations;
      const ctx = {
        label: layout.label,
        owner: directory.owner,
        media: new AndroidMediaFinder(layout.root, readImageIndex(db)),
        knownUsernames: directory.knownUsernames,
      };
      // A database that grew is read past its mark when the rows at or below it are as counted; one that shrank was
      // rewritten and is read in full (docs/importing-exports.md, "Importing again").
      const kept = this.previous?.files[layout.provenance];
      const shrank = kept !== undefined && (await stat(layout.dbPath)).size < kept.size;
      const { after, notRead } = shrank
        ? { after: null, notRead: 0 }
        : resumeFrom(db, 'message', 'msgId', kept?.marks.message);
      for (const row of iterateRows(db, selectMessages(db, after))) {
        throwIfAborted(signal);
        yield await mapAndroidMessage(row, ctx);
      }
      const mark = markOf(db, 'message', 'msgId');
      yield {
        type: 'read-mark',
        file: layout.provenance,
        marks: mark ? { message: mark } : {},
        rows: mark?.count ?? 0,
        notRead,
        unchanged: false,
      };
    } finally {
      db.close();
    }
  }

  async close(): Promise<void> {
    this.layout = null;
  }

  private locate(): Promise<AndroidLayout> {
    this.layout ??= locateAndroid(this.path).then((layout) => {
      if (!layout)
        throw new LocketError(
          'source-unrecognized',
          'This is not an Android WeChat database: there is no EnMicroMsg.db here.',
          { path: this.path },
        );
      return layout;
    });
    return this.layout;
  }
}

/** Opens the database; a file without the SQLite header is EnMicroMsg.db as WeChat stores it (§4.2). */
async function openAndroidDb(layout: AndroidLayout): Promise<SourceDb> {
  let db: SourceDb;
  try {
    db = await openSourceDb(layout.dbPath, layout.label);
  } catch (error) {
    if (error instanceof LocketError && error.code === 'source-encrypted')
      throw new LocketError(
        'source-encrypted',
        `${layout.label} ${ENCRYPTED_MESSAGE}`,
        { file: layout.label },
        { cause: error },
      );
    throw error;
  }
  if (!db.tableNames().includes('message')) {
    db.close();
    throw new LocketError(
      'source-unrecognized',
      `${layout.label} has no message table, so it is not an Android WeChat database.`,
      { file: layout.label },
    );
  }
  return db;
}
