import type { Db } from './database';
import { migrations as allMigrations } from './migrations';
import type { Migration } from './migrations/migration';

/** The schema version a database is at (SQLite's user_version; 0 for a new file). */
export function readSchemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

function checkNumbering(migrations: readonly Migration[]): void {
  migrations.forEach((migration, index) => {
    if (migration.version !== index + 1) {
      throw new Error(
        `Migration "${migration.name}" is number ${migration.version} but sits at position ${index + 1}; migrations must be numbered 1, 2, 3, ... without gaps`,
      );
    }
  });
}

/**
 * Brings the schema to `to` (the newest by default). Each migration runs in its own transaction
 * together with the `user_version` bump, so a crash leaves the database at a whole version.
 * Returns the versions applied.
 */
export function migrate(
  db: Db,
  options: { migrations?: readonly Migration[]; to?: number } = {},
): number[] {
  const migrations = options.migrations ?? allMigrations;
  checkNumbering(migrations);
  const target = options.to ?? migrations.length;
  const current = readSchemaVersion(db);
  if (current > migrations.length) {
    throw new Error(
      `The database is at schema version ${current}, newer than this Basin knows (${migrations.length}); open it with a newer Basin`,
    );
  }
  if (target < current || target > migrations.length) {
    throw new Error(`Cannot migrate from schema version ${current} to ${target}`);
  }
  const applied: number[] = [];
  for (const migration of migrations.slice(current, target)) {
    db.transaction(() => {
      migration.up(db);
      db.pragma(`user_version = ${migration.version}`);
    })();
    applied.push(migration.version);
  }
  return applied;
}
