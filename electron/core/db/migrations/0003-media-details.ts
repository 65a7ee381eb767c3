import type { Migration } from '../migrate';

/**
 * What the media layer learns about an item while it streams in (issue 8, media), so `media.info` answers from the
 * catalog without decrypting the file: the name its source gave it, and details as JSON (image width, height and
 * EXIF orientation; voice duration). Both stay NULL for items stored before this migration.
 */
export const mediaDetails: Migration = {
  version: 3,
  name: '0003-media-details',
  up(db) {
    db.exec(`
      ALTER TABLE media ADD COLUMN file_name TEXT;
      ALTER TABLE media ADD COLUMN details TEXT;
    `);
  },
};
