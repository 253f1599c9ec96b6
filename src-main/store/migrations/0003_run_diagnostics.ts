import type { Migration } from './migration';

/**
 * The selected model's test-split diagnostics (confusion matrix and curves, or residuals) as JSON,
 * one row per run that finished; runs from before this migration have none.
 */
export const runDiagnostics: Migration = {
  version: 3,
  name: 'run diagnostics',
  up(db) {
    db.exec(`
      CREATE TABLE run_diagnostics (
        run_id INTEGER PRIMARY KEY REFERENCES runs (id) ON DELETE CASCADE,
        diagnostics TEXT NOT NULL CHECK (json_valid(diagnostics) AND json_type(diagnostics) = 'object')
      ) STRICT;
    `);
  },
};
