import type { Migration } from './migration';

/**
 * Notes on a run's metrics that its numbers cannot carry: why a metric is undefined (kind
 * 'undefined': "Poisson deviance needs predicted rates > 0, but 12 of 400 predictions are ≤ 0", AUC
 * on one class), and what a metric was computed on when not every row of its split (kind 'basis':
 * the training AUC's seeded sample). One row per (run, key, kind), replaced as epochs arrive, so
 * the latest reason is one read of the primary key; `epoch` says which epoch it is from, NULL for a
 * note on the selected model's test metrics. A gap in a curve is explained by the latest reason,
 * and the same reason repeated every epoch would only copy the gap.
 */
export const metricNotes: Migration = {
  version: 7,
  name: 'metric notes',
  up(db) {
    db.exec(`
      CREATE TABLE run_metric_notes (
        run_id INTEGER NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
        key TEXT NOT NULL CHECK (key GLOB '?*.?*'),
        kind TEXT NOT NULL CHECK (kind IN ('undefined', 'basis')),
        note TEXT NOT NULL CHECK (length(note) > 0),
        epoch INTEGER CHECK (epoch >= 0),
        PRIMARY KEY (run_id, key, kind)
      ) STRICT, WITHOUT ROWID;
    `);
  },
};
