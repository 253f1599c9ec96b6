import type { Migration } from './migration';

/**
 * The first schema. Times are integer milliseconds since the Unix epoch; JSON columns are checked
 * with json_valid. Metric values are REAL where NULL stands for NaN, which SQLite cannot store.
 */
const schema = `
CREATE TABLE experiments (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL CHECK (length(trim(name)) > 0),
  spec_version INTEGER NOT NULL CHECK (spec_version >= 1),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  FOREIGN KEY (id, spec_version) REFERENCES spec_versions (experiment_id, version)
    DEFERRABLE INITIALLY DEFERRED
) STRICT;

CREATE INDEX experiments_by_name ON experiments (name);

CREATE TABLE spec_versions (
  experiment_id INTEGER NOT NULL REFERENCES experiments (id) ON DELETE CASCADE,
  version INTEGER NOT NULL CHECK (version >= 1),
  spec TEXT NOT NULL CHECK (json_valid(spec) AND json_type(spec) = 'object'),
  created_at INTEGER NOT NULL,
  PRIMARY KEY (experiment_id, version)
) STRICT, WITHOUT ROWID;

CREATE TABLE runs (
  id INTEGER PRIMARY KEY,
  experiment_id INTEGER NOT NULL,
  spec_version INTEGER NOT NULL,
  restart INTEGER NOT NULL CHECK (restart >= 0),
  seed INTEGER NOT NULL,
  fold INTEGER CHECK (fold >= 0),
  epochs INTEGER NOT NULL CHECK (epochs >= 1),
  config TEXT NOT NULL CHECK (json_valid(config)),
  status TEXT NOT NULL DEFAULT 'queued' CHECK (
    status IN ('queued', 'running', 'succeeded', 'failed', 'diverged', 'cancelled', 'interrupted')
  ),
  backend TEXT,
  device TEXT,
  priority INTEGER NOT NULL DEFAULT 0,
  queue_order INTEGER NOT NULL,
  queued_at INTEGER NOT NULL,
  started_at INTEGER,
  finished_at INTEGER,
  error TEXT,
  diagnosis TEXT,
  selected_candidate TEXT CHECK (selected_candidate IN ('best-epoch', 'swa', 'snapshot-ensemble')),
  test_metrics TEXT CHECK (json_valid(test_metrics) AND json_type(test_metrics) = 'object'),
  tags TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(tags) AND json_type(tags) = 'array'),
  FOREIGN KEY (experiment_id, spec_version) REFERENCES spec_versions (experiment_id, version)
    ON DELETE CASCADE
) STRICT;

CREATE INDEX runs_by_experiment ON runs (experiment_id, spec_version);
CREATE INDEX runs_by_queue ON runs (status, priority DESC, queue_order);

CREATE TABLE metric_keys (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE CHECK (length(name) > 0),
  direction TEXT CHECK (direction IN ('min', 'max'))
) STRICT;

CREATE TABLE metrics (
  run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  key_id INTEGER NOT NULL REFERENCES metric_keys (id),
  step INTEGER NOT NULL CHECK (step >= 0),
  epoch INTEGER NOT NULL CHECK (epoch >= 0),
  value REAL,
  wall_time INTEGER NOT NULL,
  PRIMARY KEY (run_id, key_id, step)
) STRICT, WITHOUT ROWID;

CREATE TABLE run_metric_summary (
  run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  key_id INTEGER NOT NULL REFERENCES metric_keys (id),
  best_value REAL,
  best_step INTEGER,
  best_epoch INTEGER,
  last_value REAL,
  last_step INTEGER NOT NULL,
  last_epoch INTEGER NOT NULL,
  point_count INTEGER NOT NULL CHECK (point_count >= 1),
  PRIMARY KEY (run_id, key_id)
) STRICT, WITHOUT ROWID;

-- A pyramid of the metrics for plotting (see curves/block-layout.ts). The first_/last_ columns
-- bound the points a block stands for; point_data and (in curve_block_times) time_data hold the
-- points it kept (curves/blob-codec.ts).
CREATE TABLE curve_blocks (
  id INTEGER PRIMARY KEY,
  run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  key_id INTEGER NOT NULL REFERENCES metric_keys (id),
  level INTEGER NOT NULL CHECK (level >= 0),
  point_count INTEGER NOT NULL CHECK (point_count >= 0),
  first_step INTEGER NOT NULL,
  last_step INTEGER NOT NULL,
  first_epoch INTEGER NOT NULL,
  last_epoch INTEGER NOT NULL,
  first_wall_time INTEGER NOT NULL,
  last_wall_time INTEGER NOT NULL,
  point_data BLOB NOT NULL CHECK (length(point_data) = 16 * point_count),
  UNIQUE (run_id, key_id, level, first_step)
) STRICT;

CREATE TABLE curve_block_times (
  block_id INTEGER PRIMARY KEY REFERENCES curve_blocks (id) ON DELETE CASCADE,
  time_data BLOB NOT NULL
) STRICT;

-- Covers every lookup that does not need the points, so choosing blocks never reads their blobs.
CREATE INDEX curve_blocks_bounds ON curve_blocks (run_id, key_id, level, first_step, last_step,
  first_epoch, last_epoch, first_wall_time, last_wall_time);

CREATE TABLE checkpoints (
  id INTEGER PRIMARY KEY,
  run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  kind TEXT NOT NULL CHECK (kind IN ('best', 'snapshot', 'swa', 'final', 'resume')),
  epoch INTEGER NOT NULL CHECK (epoch >= 0),
  path TEXT NOT NULL CHECK (length(path) > 0),
  metrics TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(metrics) AND json_type(metrics) = 'object'),
  created_at INTEGER NOT NULL
) STRICT;

CREATE UNIQUE INDEX checkpoints_one_per_kind ON checkpoints (run_id, kind) WHERE kind <> 'snapshot';
CREATE UNIQUE INDEX checkpoints_snapshot_per_epoch ON checkpoints (run_id, epoch) WHERE kind = 'snapshot';

CREATE TABLE ensembles (
  id INTEGER PRIMARY KEY,
  experiment_id INTEGER NOT NULL REFERENCES experiments (id) ON DELETE CASCADE,
  run_id INTEGER REFERENCES runs (id) ON DELETE CASCADE,
  fold INTEGER CHECK (fold >= 0),
  kind TEXT NOT NULL CHECK (kind IN ('snapshot', 'deep')),
  members TEXT NOT NULL CHECK (json_valid(members) AND json_type(members) = 'array'),
  rule TEXT NOT NULL CHECK (length(rule) > 0),
  metrics TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(metrics) AND json_type(metrics) = 'object'),
  created_at INTEGER NOT NULL,
  CHECK ((kind = 'snapshot') = (run_id IS NOT NULL))
) STRICT;

CREATE UNIQUE INDEX ensembles_snapshot_per_run ON ensembles (run_id) WHERE kind = 'snapshot';
CREATE UNIQUE INDEX ensembles_deep_per_fold ON ensembles (experiment_id, coalesce(fold, -1))
  WHERE kind = 'deep';

CREATE TABLE device_samples (
  at INTEGER NOT NULL,
  gpu_index INTEGER NOT NULL CHECK (gpu_index >= 0),
  utilization_percent REAL CHECK (utilization_percent BETWEEN 0 AND 100),
  memory_used_mib REAL CHECK (memory_used_mib >= 0),
  memory_total_mib REAL CHECK (memory_total_mib >= 0),
  PRIMARY KEY (at, gpu_index)
) STRICT, WITHOUT ROWID;
`;

export const initial: Migration = {
  version: 1,
  name: 'initial',
  up(db) {
    db.exec(schema);
  },
};
