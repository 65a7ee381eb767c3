import { describe, expect, it } from 'vitest';
import { migrate } from '../../../electron/core/db/migrate';
import { catalogMigrations } from '../../../electron/core/db/migrations';
import { loadSqlJs, one, userVersion } from '../../../electron/core/db/sqlite';

describe('catalog migration 0008-last-message-sender', () => {
  it('adds an empty last sender to conversations imported before it, keeping their preview', async () => {
    const SQL = await loadSqlJs();
    const db = new SQL.Database();
    migrate(db, catalogMigrations.slice(0, 5), 'catalog');
    db.run(
      "INSERT INTO conversations (username, display_name, is_group, message_count, last_message_time, last_message_preview) VALUES ('1@chatroom', '家', 1, 3, 100, '好的')",
    );
    migrate(db, catalogMigrations.slice(0, 8), 'catalog');
    expect(userVersion(db)).toBe(8);
    expect(one(db, 'SELECT last_message_preview, last_message_sender FROM conversations')).toEqual({
      last_message_preview: '好的',
      last_message_sender: null,
    });
    db.close();
  });
});
