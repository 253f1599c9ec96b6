import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../database';
import { migrate } from '../migrate';
import { useTempDirs } from '../testing/temp-dir';

const tempDir = useTempDirs();

function freshDb(): Db {
  return openDatabase(path.join(tempDir(), 'basin.sqlite'));
}

function seed(db: Db): void {
  db.transaction(() => {
    db.prepare(
      `INSERT INTO experiments (id, name, spec_version, created_at, updated_at) VALUES (1, 'iris', 1, 0, 0)`,
    ).run();
    db.prepare(`INSERT INTO spec_versions VALUES (1, 1, '{"name":"iris"}', 0)`).run();
    db.prepare(
      `INSERT INTO runs (id, experiment_id, spec_version, restart, seed, fold, epochs, config, queue_order, queued_at)
       VALUES (1, 1, 1, 0, 7, NULL, 10, '{}', 1, 0)`,
    ).run();
    db.prepare(`INSERT INTO metric_keys (id, name, direction) VALUES (1, 'val.loss', 'min')`).run();
    db.prepare('INSERT INTO metrics VALUES (1, 1, 0, 1, 0.5, 0)').run();
    db.prepare('INSERT INTO run_metric_summary VALUES (1, 1, 0.5, 0, 1, 0.5, 0, 1, 1)').run();
    db.prepare(
      `INSERT INTO checkpoints (run_id, kind, epoch, path, created_at) VALUES (1, 'snapshot', 3, '/c/3', 0)`,
    ).run();
    db.prepare(
      `INSERT INTO ensembles (experiment_id, run_id, kind, members, rule, created_at) VALUES (1, 1, 'snapshot', '[1]', 'mean-probability', 0)`,
    ).run();
    db.prepare('INSERT INTO device_samples VALUES (0, 0, 50, 100, 200)').run();
  })();
}

describe('migration 0001 (initial schema)', () => {
  it('creates every table from an empty database and sets user_version 1', () => {
    const db = freshDb();
    expect(db.pragma('user_version', { simple: true })).toBe(0);
    expect(migrate(db, { to: 1 })).toEqual([1]);
    expect(db.pragma('user_version', { simple: true })).toBe(1);
    const tables = db
      .prepare<[], string>(`SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name`)
      .pluck()
      .all();
    expect(tables).toEqual([
      'checkpoints',
      'curve_block_times',
      'curve_blocks',
      'device_samples',
      'ensembles',
      'experiments',
      'metric_keys',
      'metrics',
      'run_metric_summary',
      'runs',
      'spec_versions',
    ]);
    db.close();
  });

  it('accepts seeded rows and enforces the checks and foreign keys', () => {
    const db = freshDb();
    migrate(db, { to: 1 });
    seed(db);
    const badStatus = () => db.prepare(`UPDATE runs SET status = 'paused' WHERE id = 1`).run();
    expect(badStatus).toThrow(/CHECK constraint failed/);
    const realInInteger = () =>
      db.prepare('INSERT INTO metrics VALUES (1, 1, 1, 1.5, 0.4, 0)').run();
    expect(realInInteger).toThrow(/cannot store REAL value in INTEGER column/);
    const orphanMetric = () => db.prepare('INSERT INTO metrics VALUES (99, 1, 1, 1, 0.4, 0)').run();
    expect(orphanMetric).toThrow(/FOREIGN KEY constraint failed/);
    const secondBest = () =>
      db
        .prepare(
          `INSERT INTO checkpoints (run_id, kind, epoch, path, created_at) VALUES (1, 'best', 1, '/a', 0), (1, 'best', 2, '/b', 0)`,
        )
        .run();
    expect(secondBest).toThrow(/UNIQUE constraint failed/);
    const deepWithRun = () =>
      db
        .prepare(
          `INSERT INTO ensembles (experiment_id, run_id, kind, members, rule, created_at) VALUES (1, 1, 'deep', '[1]', 'r', 0)`,
        )
        .run();
    expect(deepWithRun).toThrow(/CHECK constraint failed/);
    db.close();
  });

  it('cascades an experiment delete to everything recorded under it', () => {
    const db = freshDb();
    migrate(db, { to: 1 });
    seed(db);
    db.prepare('DELETE FROM experiments WHERE id = 1').run();
    for (const table of [
      'spec_versions',
      'runs',
      'metrics',
      'run_metric_summary',
      'checkpoints',
      'ensembles',
    ]) {
      expect(db.prepare(`SELECT count(*) FROM ${table}`).pluck().get(), table).toBe(0);
    }
    expect(db.pragma('foreign_key_check')).toEqual([]);
    db.close();
  });
});
