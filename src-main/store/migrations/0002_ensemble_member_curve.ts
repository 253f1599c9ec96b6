import type { Migration } from './migration';

/**
 * A snapshot ensemble's validation metrics for each count of its last snapshots, so Compare can
 * draw accuracy against the number of snapshots. Rows from before this migration keep `[]`.
 */
export const ensembleMemberCurve: Migration = {
  version: 2,
  name: 'ensemble member curve',
  up(db) {
    db.exec(`
      ALTER TABLE ensembles ADD COLUMN by_member_count TEXT NOT NULL DEFAULT '[]'
        CHECK (json_valid(by_member_count) AND json_type(by_member_count) = 'array');
    `);
  },
};
