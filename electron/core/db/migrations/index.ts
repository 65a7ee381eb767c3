import type { Migration } from '../migrate';
import { initialCatalog } from './0001-initial-catalog';
import { retentionAndAudit } from './0002-retention-and-audit';
import { mediaDetails } from './0003-media-details';
import { indexBacklog } from './0004-index-backlog';
import { sourceMarks } from './0005-source-marks';
import { shardConversations } from './0006-shard-conversations';
import { backups } from './0007-backups';
import { lastMessageSender } from './0008-last-message-sender';
import { packedShardCounts } from './0009-packed-shard-counts';
import { shardVersions } from './0010-shard-versions';

/** Catalog migrations, in order. Only ever append. */
export const catalogMigrations: readonly Migration[] = [
  initialCatalog,
  retentionAndAudit,
  mediaDetails,
  indexBacklog,
  sourceMarks,
  shardConversations,
  backups,
  lastMessageSender,
  packedShardCounts,
  shardVersions,
];
