import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { createMetricKeyCatalog } from '../metric-keys';
import type { MetricPoint } from '../metrics-repository';
import { openStore } from '../open-store';
import { exampleSpec, seedExperiment } from '../testing/seed';
import { useTempDirs } from '../testing/temp-dir';
import { createCurvesQuery } from './curves';
import { createRunTableQuery } from './run-table';

const tempDir = useTempDirs();
const START = Date.UTC(2025, 0, 1);
const STEPS = 20_000;

/** A store with two runs of long curves, closed; returns its file. */
function recordedFile(): { file: string; runIds: number[] } {
  const store = openStore(tempDir(), { clock: () => START });
  const runIds = seedExperiment(store, exampleSpec('plans', 2)).runs.map((run) => run.id);
  for (const runId of runIds) {
    store.runs.start(runId, { backend: 'cpu', device: 'cpu:0' });
    for (const key of ['train.loss', 'val.loss']) {
      const points: MetricPoint[] = Array.from({ length: STEPS }, (_, step) => ({
        runId,
        key,
        step,
        epoch: Math.floor(step / 10) + 1,
        value: 1 / (1 + step),
        wallTime: START + step,
      }));
      for (let i = 0; i < points.length; i += 1_000)
        store.metrics.ingest(points.slice(i, i + 1_000));
    }
  }
  const { file } = store;
  store.close();
  return { file, runIds };
}

/**
 * Every statement `use` executes, each with SQLite's plan for it (the way Signal's migration tests
 * assert plans): `EXPLAIN QUERY PLAN` of the statement as executed, bound values included.
 */
function plansOf(
  file: string,
  use: (db: Database.Database) => void,
): { sql: string; plan: string[] }[] {
  const executed: string[] = [];
  const db = new Database(file, { verbose: (sql) => executed.push(String(sql)) });
  try {
    use(db);
    const explain = new Database(file, { readonly: true });
    try {
      return executed
        .filter((sql) => /^\s*(WITH|SELECT)\b/i.test(sql))
        .map((sql) => ({
          sql,
          plan: (explain.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map(
            (row) => row.detail,
          ),
        }));
    } finally {
      explain.close();
    }
  } finally {
    db.close();
  }
}

const KEYWORDS = new Set([
  'WHERE',
  'JOIN',
  'ON',
  'ORDER',
  'GROUP',
  'LIMIT',
  'LEFT',
  'INNER',
  'USING',
]);

/** The names the metrics table goes by in a statement: itself and any alias. */
function metricsNames(sql: string): string[] {
  const names = ['metrics'];
  for (const match of sql.matchAll(/\b(?:FROM|JOIN)\s+metrics\b(?:\s+(?:AS\s+)?(\w+))?/gi)) {
    const alias = match[1];
    if (alias !== undefined && !KEYWORDS.has(alias.toUpperCase())) names.push(alias);
  }
  return names;
}

/** Plan lines that read the whole metrics table (a SCAN, through an index or not). */
function metricsScans({ sql, plan }: { sql: string; plan: string[] }): string[] {
  const names = metricsNames(sql);
  return plan.filter((line) =>
    names.some((name) => new RegExp(`\\bSCAN (TABLE )?${name}\\b`).test(line)),
  );
}

describe('query plans', () => {
  it('reads a downsampled curve through the pyramid index, never scanning metrics', () => {
    const { file, runIds } = recordedFile();
    const plans = plansOf(file, (db) => {
      const curves = createCurvesQuery(db, createMetricKeyCatalog(db));
      const read = curves({ runIds, keys: ['train.loss'], x: 'step', resolution: 200 });
      expect(read[0]!.x.length).toBeGreaterThan(0);
    });
    const lines = plans.flatMap((p) => p.plan);
    expect(lines.some((line) => line.includes('curve_blocks_bounds'))).toBe(true);
    expect(plans.flatMap(metricsScans)).toEqual([]);
  });

  it('builds the run table and best/last values without touching metrics', () => {
    const { file } = recordedFile();
    const plans = plansOf(file, (db) => {
      const runTable = createRunTableQuery(db, createMetricKeyCatalog(db), () => START);
      for (const which of ['best', 'last'] as const) {
        const page = runTable({
          limit: 50,
          offset: 0,
          sort: { by: 'metric', metric: 'val.loss', which, direction: 'asc' },
        });
        expect(page.runs[0]!.metrics['val.loss']?.[which]).not.toBeNull();
      }
      // Every filter and the other sorts the Runs view offers read runs and the summary only.
      const filtered = runTable({
        limit: 50,
        offset: 0,
        backend: 'cpu',
        setting: { path: 'optimization.optimizer.kind', equals: '"adam"' },
        metric: { key: 'val.loss', which: 'best', atMost: 1 },
        sort: {
          by: 'setting',
          path: 'optimization.optimizer.learningRate',
          which: 'best',
          direction: 'desc',
        },
      });
      expect(filtered.total).toBe(2);
      for (const by of ['experiment', 'backend', 'status'] as const)
        runTable({ limit: 50, offset: 0, sort: { by, which: 'best', direction: 'asc' } });
    });
    expect(plans.length).toBeGreaterThan(0);
    expect(plans.flatMap(metricsScans)).toEqual([]);
    for (const { sql } of plans) expect(sql).not.toMatch(/\b(FROM|JOIN)\s+metrics\b/i);
    expect(plans.flatMap((p) => p.plan).some((line) => line.includes('run_metric_summary'))).toBe(
      true,
    );
  });
});
