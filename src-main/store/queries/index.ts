import type { Source } from '@shared/contract/exports';
import type { Clock } from '../clock';
import type { Db } from '../database';
import type { MetricKeyCatalog } from '../metric-keys';
import type { CheckpointsRepository } from '../checkpoints-repository';
import type { EnsemblesRepository } from '../ensembles-repository';
import type { RunsRepository } from '../runs-repository';
import { createBandsQuery } from './bands';
import { createCurvesQuery } from './curves';
import { metricsCsv, writeMetricsCsv } from './metrics-csv';
import { createRunTableQuery } from './run-table';
import { createStrategyComparisonQuery } from './strategy-comparison';

/** The read side of the store: what the UI, the CLI and exports ask of the record. */
export function createStoreQueries(parts: {
  db: Db;
  file: string;
  clock: Clock;
  metricKeys: MetricKeyCatalog;
  runs: RunsRepository;
  checkpoints: CheckpointsRepository;
  ensembles: EnsemblesRepository;
}) {
  return {
    curves: createCurvesQuery(parts.db, parts.metricKeys),
    bands: createBandsQuery(parts.db, parts.metricKeys),
    runTable: createRunTableQuery(parts.db, parts.metricKeys, parts.clock),
    compareStrategies: createStrategyComparisonQuery(
      parts.runs,
      parts.checkpoints,
      parts.ensembles,
    ),
    metricsCsv: (source: Source) => metricsCsv(parts.db, source),
    writeMetricsCsv: (source: Source, target: string) =>
      writeMetricsCsv(parts.file, source, target),
  };
}

export type StoreQueries = ReturnType<typeof createStoreQueries>;
