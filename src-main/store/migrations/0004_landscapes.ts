import type { Migration } from './migration';

/**
 * Loss landscapes around one, two or three checkpoints (random directions, a line, a plane), so a
 * landscape is drawn again without recomputing. `stamp` holds the checkpoints' recording times: a
 * best or SWA checkpoint re-recorded in place keeps its id, and must not reuse the old landscape.
 */
export const landscapes: Migration = {
  version: 4,
  name: 'landscapes',
  up(db) {
    db.exec(`
      CREATE TABLE landscapes (
        id INTEGER PRIMARY KEY,
        shape TEXT NOT NULL CHECK (shape IN ('directions', 'line', 'plane')),
        checkpoint_a INTEGER NOT NULL REFERENCES checkpoints (id) ON DELETE CASCADE,
        checkpoint_b INTEGER REFERENCES checkpoints (id) ON DELETE CASCADE,
        checkpoint_c INTEGER REFERENCES checkpoints (id) ON DELETE CASCADE,
        stamp TEXT NOT NULL,
        points INTEGER NOT NULL CHECK (points >= 2),
        seed INTEGER NOT NULL CHECK (seed >= 0),
        batch_norm_asked INTEGER NOT NULL CHECK (batch_norm_asked IN (0, 1)),
        batch_norm_recomputed INTEGER CHECK (batch_norm_recomputed IN (0, 1)),
        status TEXT NOT NULL CHECK (status IN ('running', 'done', 'failed')),
        done INTEGER NOT NULL DEFAULT 0 CHECK (done >= 0),
        total INTEGER NOT NULL DEFAULT 0 CHECK (total >= 0),
        result TEXT CHECK (result IS NULL OR (json_valid(result) AND json_type(result) = 'object')),
        error TEXT,
        created_at INTEGER NOT NULL,
        CHECK ((shape = 'directions') = (checkpoint_b IS NULL)),
        CHECK ((shape = 'plane') = (checkpoint_c IS NOT NULL)),
        CHECK ((status = 'done') = (result IS NOT NULL AND batch_norm_recomputed IS NOT NULL)),
        CHECK ((status = 'failed') = (error IS NOT NULL))
      ) STRICT;
      CREATE INDEX landscapes_by_checkpoints ON landscapes (checkpoint_a, checkpoint_b, checkpoint_c);
      CREATE INDEX landscapes_by_checkpoint_b ON landscapes (checkpoint_b);
      CREATE INDEX landscapes_by_checkpoint_c ON landscapes (checkpoint_c);
    `);
  },
};
