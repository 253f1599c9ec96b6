import type { Source } from '@shared/contract/exports';
import { LabError } from '@shared/contract/envelope';
import { writeFileAtomically } from '../../files/atomic-write';
import { openDatabase, type Db } from '../database';

/** restart and fold count from 1, as everywhere a person reads them (README, Metrics CSV). */
export const METRICS_CSV_HEADER = 'run_id,restart,fold,seed,key,step,epoch,value,wall_time\n';

/** Rows per chunk handed out, and per pause when writing a file. */
const ROWS_PER_CHUNK = 5_000;

type CsvRow = [
  number,
  number,
  number | null,
  number,
  string,
  number,
  number,
  number | null,
  number,
];

function csvField(text: string): string {
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** NaN (stored as NULL) is an empty cell; numbers keep every digit needed to read them back. */
function csvLine([runId, restart, fold, seed, key, step, epoch, value, wallTime]: CsvRow): string {
  return `${runId},${restart},${fold ?? ''},${seed},${csvField(key)},${step},${epoch},${value ?? ''},${new Date(wallTime).toISOString()}\n`;
}

function runIdsOf(db: Db, source: Source): number[] {
  if (source.kind === 'run') {
    if (db.prepare('SELECT 1 FROM runs WHERE id = ?').get(source.id) === undefined) {
      throw new LabError('not_found', `There is no run ${source.id}.`);
    }
    return [source.id];
  }
  if (db.prepare('SELECT 1 FROM experiments WHERE id = ?').get(source.id) === undefined) {
    throw new LabError('not_found', `There is no experiment ${source.id}.`);
  }
  return db
    .prepare<[number], number>('SELECT id FROM runs WHERE experiment_id = ? ORDER BY id')
    .pluck()
    .all(source.id);
}

/**
 * A run's or an experiment's metrics as CSV in long form (one row per run, key and step), ordered
 * by run, key and step: the header, then chunks of rows. The connection is busy until the
 * generator finishes.
 */
export function* metricsCsvChunks(
  db: Db,
  source: Source,
): Generator<{ text: string; rows: number }> {
  const runIds = runIdsOf(db, source);
  const select = db
    .prepare<[number], CsvRow>(
      `
      SELECT m.run_id, r.restart + 1, r.fold + 1, r.seed, k.name, m.step, m.epoch, m.value, m.wall_time
      FROM metrics m JOIN runs r ON r.id = m.run_id JOIN metric_keys k ON k.id = m.key_id
      WHERE m.run_id = ? ORDER BY m.key_id, m.step`,
    )
    .raw();
  yield { text: METRICS_CSV_HEADER, rows: 0 };
  let text = '';
  let rows = 0;
  for (const runId of runIds) {
    for (const row of select.iterate(runId)) {
      text += csvLine(row);
      if (++rows === ROWS_PER_CHUNK) {
        yield { text, rows };
        text = '';
        rows = 0;
      }
    }
  }
  if (rows > 0) yield { text, rows };
}

export function metricsCsv(db: Db, source: Source): string {
  let csv = '';
  for (const chunk of metricsCsvChunks(db, source)) csv += chunk.text;
  return csv;
}

/**
 * Writes the CSV to `target` atomically (a temp file, fsync, rename). Reads through a connection
 * of its own and pauses between chunks, so the lab keeps ingesting while a large export runs.
 */
export async function writeMetricsCsv(
  databaseFile: string,
  source: Source,
  target: string,
): Promise<{ path: string; rows: number }> {
  const db = openDatabase(databaseFile);
  let rows = 0;
  async function* paced(): AsyncGenerator<string> {
    for (const chunk of metricsCsvChunks(db, source)) {
      yield chunk.text;
      rows += chunk.rows;
      await new Promise((resolve) => setImmediate(resolve));
    }
  }
  try {
    await writeFileAtomically(target, paced());
    return { path: target, rows };
  } finally {
    db.close();
  }
}
