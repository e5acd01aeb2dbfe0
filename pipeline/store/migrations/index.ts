/**
 * Every schema migration, in order. Append a new file's migration at the end (names sort in this order:
 * "002-ledger", "003-outbox", …); a migration that has run is never edited.
 */
import type { StoreMigration } from './types';
import { intake001 } from './001-intake';
import { monthlyRun010 } from './010-monthly-run';
import { review020 } from './020-review';
import { reminders030 } from './030-reminders';
import { flagOpenSince040 } from './040-flag-open-since';

export type { MigrationContext, StoreMigration } from './types';

export const migrations: StoreMigration[] = [
  intake001,
  monthlyRun010,
  review020,
  reminders030,
  flagOpenSince040,
];
