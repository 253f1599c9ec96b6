import path from 'node:path';
import { openDatabase, type Db } from '../database';
import { migrate } from '../migrate';

/**
 * The starting point of a migration's upgrade test: a database in `folder` migrated to `version`,
 * holding experiment 1 (named `name`, at spec version 1) and the rows `fill` adds, all written in
 * one transaction.
 */
export function databaseAtVersion(
  folder: string,
  version: number,
  fill: (db: Db) => void,
  name = 'bc',
): Db {
  const db = openDatabase(path.join(folder, 'basin.sqlite'));
  migrate(db, { to: version });
  db.transaction(() => {
    db.prepare(
      `INSERT INTO experiments (id, name, spec_version, created_at, updated_at) VALUES (1, ?, 1, 0, 0)`,
    ).run(name);
    db.prepare(`INSERT INTO spec_versions VALUES (1, 1, ?, 0)`).run(JSON.stringify({ name }));
    fill(db);
  })();
  return db;
}
