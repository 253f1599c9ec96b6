import { testDiagnosticsSchema, type TestDiagnostics } from '@shared/contract/diagnostics';
import { jsonColumn } from './columns';
import type { Db } from './database';

/** The selected model's test-split diagnostics, one row per run; a retry deletes it. */
export function createRunDiagnosticsRepository(db: Db) {
  const upsert = db.prepare(`
    INSERT INTO run_diagnostics (run_id, diagnostics) VALUES (?, ?)
    ON CONFLICT (run_id) DO UPDATE SET diagnostics = excluded.diagnostics`);
  const select = db.prepare<[number], string>(
    'SELECT diagnostics FROM run_diagnostics WHERE run_id = ?',
  );

  return {
    record(runId: number, diagnostics: TestDiagnostics): void {
      upsert.run(runId, JSON.stringify(diagnostics));
    },

    /** Null when the run has none: not finished, failed before the test split, or retried. */
    get(runId: number): TestDiagnostics | null {
      const text = select.pluck().get(runId);
      return text === undefined ? null : testDiagnosticsSchema.parse(jsonColumn(text));
    },
  };
}

export type RunDiagnosticsRepository = ReturnType<typeof createRunDiagnosticsRepository>;
