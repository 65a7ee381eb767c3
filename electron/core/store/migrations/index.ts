import type { Migration } from '../migrate';
import { initialCatalog } from './0001-initial-catalog';
import { retentionAndAudit } from './0002-retention-and-audit';

/** Catalog migrations, in order. Only ever append. */
export const catalogMigrations: readonly Migration[] = [initialCatalog, retentionAndAudit];
