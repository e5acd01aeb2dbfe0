import type { Kysely } from 'kysely';

/** What a migration may need to know about the database it runs on. */
export interface MigrationContext {
  dialect: 'sqlite' | 'postgres';
  /** Column type for bytes: blob in SQLite, bytea in PostgreSQL. */
  binary: 'blob' | 'bytea';
}

export interface StoreMigration {
  /** Ordered by name: "001-intake", "002-…". Never rename or edit one that has shipped; add a new one. */
  name: string;
  up(db: Kysely<unknown>, ctx: MigrationContext): Promise<void>;
  down?(db: Kysely<unknown>, ctx: MigrationContext): Promise<void>;
}
