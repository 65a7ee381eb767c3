import type { AuditNames } from '../../ipc/contract';
import { all, type ReadOnlyDatabase } from '../db/sqlite';

/**
 * The names the log's ids stand for: every chat the catalog knows (also those a wipe emptied), the retention
 * classes, and who placed each hold.
 */
export function auditNames(catalog: ReadOnlyDatabase): AuditNames {
  return {
    conversations: all<{ id: number; displayName: string }>(
      catalog,
      'SELECT id, display_name AS displayName FROM conversations ORDER BY id',
    ),
    classes: all<{ id: number; name: string }>(catalog, 'SELECT id, name FROM retention_classes ORDER BY id'),
    holds: all<{ id: number; placedBy: string }>(catalog, 'SELECT id, placed_by AS placedBy FROM holds ORDER BY id'),
  };
}
