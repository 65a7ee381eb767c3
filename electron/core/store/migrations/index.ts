import type { Migration } from '../migrate';
import { initialCatalog } from './0001-initial-catalog';

/** Catalog migrations, in order. Only ever append. */
export const catalogMigrations: readonly Migration[] = [initialCatalog];
