import fs from 'node:fs';
import path from 'node:path';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { PROJECT_ROOT } from '@/server/config';
import { openDatabase, type Db } from './client';
import { seedDatabase, type SeedOptions } from './seed';
import { seedIdentity } from './seed-identity';

// Resolved from the project root, not __dirname: this module is also bundled into the server.
export const MIGRATIONS_DIR = path.resolve(PROJECT_ROOT, 'db', 'migrations');

export class MigrationError extends Error {
  override name = 'MigrationError';
}

/**
 * Applies the committed migrations and the idempotent seed. A failure is turned into a
 * MigrationError whose message says what failed and what to do, so a start can stop cleanly.
 */
export function migrateDatabase(dbFile: string, seed: SeedOptions): Db {
  let db: Db;
  try {
    db = openDatabase(dbFile);
  } catch (cause) {
    throw new MigrationError(
      `Cannot open the database at ${dbFile}: ${(cause as Error).message}. Check that the data directory is writable.`,
    );
  }
  if (!fs.existsSync(path.join(MIGRATIONS_DIR, 'meta', '_journal.json'))) {
    throw new MigrationError(`No migrations found in ${MIGRATIONS_DIR}; the checkout is incomplete.`);
  }
  try {
    migrate(db, { migrationsFolder: MIGRATIONS_DIR });
  } catch (cause) {
    db.$client.close();
    throw new MigrationError(
      `A database migration failed on ${dbFile}: ${(cause as Error).message}\n` +
        'Nothing after the failed migration was applied. If this data directory was written by a newer ' +
        'version of Berth, run that version, or point BERTH_DATA_DIR to a new directory.',
    );
  }
  const installation = seedDatabase(db, seed);
  seedIdentity(db, installation, seed.now);
  return db;
}
