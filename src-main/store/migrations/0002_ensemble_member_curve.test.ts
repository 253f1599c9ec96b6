import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../database';
import { migrate } from '../migrate';
import { useTempDirs } from '../testing/temp-dir';

const tempDir = useTempDirs();

describe('migration 0002 (ensemble member curve)', () => {
  it('gives existing ensembles an empty curve and refuses one that is not a JSON array', () => {
    const db = openDatabase(path.join(tempDir(), 'basin.sqlite'));
    migrate(db, { to: 1 });
    // The experiment's foreign key to its spec version is checked at commit.
    db.transaction(() =>
      db.exec(`
      INSERT INTO experiments (id, name, spec_version, created_at, updated_at) VALUES (1, 'iris', 1, 0, 0);
      INSERT INTO spec_versions VALUES (1, 1, '{"name":"iris"}', 0);
      INSERT INTO ensembles (experiment_id, kind, members, rule, created_at)
        VALUES (1, 'deep', '[1]', 'mean-probability', 0);
    `),
    )();
    expect(migrate(db, { to: 2 })).toEqual([2]);
    expect(db.prepare('SELECT by_member_count FROM ensembles').pluck().get()).toBe('[]');
    const notAnArray = () => db.prepare(`UPDATE ensembles SET by_member_count = '{}'`).run();
    expect(notAnArray).toThrow(/CHECK constraint failed/);
    db.close();
  });
});
