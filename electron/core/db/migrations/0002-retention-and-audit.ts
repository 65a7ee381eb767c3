import type { Migration } from '../migrate';

/**
 * Retention defaults, the audit log and wipe certificates (issue: retention, holds, wipe, audit).
 * Default classes are a starting point the user edits; the vault-wide default is "Keep forever", so nothing
 * expires until the user decides it should.
 */
export const retentionAndAudit: Migration = {
  version: 2,
  name: '0002-retention-and-audit',
  up(db) {
    db.exec(`
      INSERT INTO retention_classes (name, keep_amount, keep_unit, color, description) VALUES
        ('Keep forever', NULL, NULL, '#64748b', 'Never expires.'),
        ('Business records', 7, 'years', '#2563eb', 'Business correspondence kept for seven years.'),
        ('Personal', 1, 'years', '#16a34a', 'Personal chats kept for one year.'),
        ('Transient', 30, 'days', '#f59e0b', 'Short-lived chatter kept for thirty days.');
      INSERT INTO settings (key, value) VALUES ('defaultRetentionClassId', (SELECT CAST(id AS TEXT) FROM retention_classes WHERE name = 'Keep forever'));

      CREATE TABLE audit_log (
        sequence INTEGER PRIMARY KEY,
        time INTEGER NOT NULL,
        action TEXT NOT NULL,
        details TEXT NOT NULL,
        previous_hash BLOB NOT NULL,
        entry_hash BLOB NOT NULL
      ) STRICT;

      ALTER TABLE audit_head ADD COLUMN signature BLOB;

      CREATE TABLE certificates (
        id INTEGER PRIMARY KEY,
        issued_at INTEGER NOT NULL,
        body TEXT NOT NULL,
        signature TEXT NOT NULL
      ) STRICT;
    `);
  },
};
