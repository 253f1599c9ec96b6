import fs from 'node:fs';
import path from 'node:path';
import { createCheckpointsRepository } from './checkpoints-repository';
import { systemClock, type Clock } from './clock';
import { condenseMinMax } from './curves/condense';
import { createCurveBlockWriter } from './curves/curve-blocks';
import { openDatabase, type Db } from './database';
import { createDeviceSamplesRepository } from './device-samples-repository';
import { createEnsemblesRepository } from './ensembles-repository';
import { createExperimentsRepository } from './experiments-repository';
import { createLandscapesRepository } from './landscapes-repository';
import { createMetricKeyCatalog } from './metric-keys';
import { createMetricsRepository } from './metrics-repository';
import { migrate } from './migrate';
import { createStoreQueries, type StoreQueries } from './queries';
import { createRunDiagnosticsRepository } from './run-diagnostics-repository';
import { createRunsRepository } from './runs-repository';
import { createSlurmJobsRepository } from './slurm-jobs-repository';

export const DATABASE_FILE = 'basin.sqlite';

/** The lab's record: one SQLite database in the data folder, and a repository per kind of row. */
export interface Store {
  readonly db: Db;
  readonly file: string;
  readonly experiments: ReturnType<typeof createExperimentsRepository>;
  readonly runs: ReturnType<typeof createRunsRepository>;
  readonly runDiagnostics: ReturnType<typeof createRunDiagnosticsRepository>;
  readonly metricKeys: ReturnType<typeof createMetricKeyCatalog>;
  readonly metrics: ReturnType<typeof createMetricsRepository>;
  readonly checkpoints: ReturnType<typeof createCheckpointsRepository>;
  readonly ensembles: ReturnType<typeof createEnsemblesRepository>;
  readonly deviceSamples: ReturnType<typeof createDeviceSamplesRepository>;
  readonly slurmJobs: ReturnType<typeof createSlurmJobsRepository>;
  readonly landscapes: ReturnType<typeof createLandscapesRepository>;
  readonly queries: StoreQueries;
  close(): void;
}

/**
 * Opens (creating it if needed) the database in `dataDir` and brings its schema up to date. The
 * lab core holds the only Store that writes; trainers never open the database.
 */
export function openStore(dataDir: string, options: { clock?: Clock } = {}): Store {
  const clock = options.clock ?? systemClock;
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, DATABASE_FILE);
  const db = openDatabase(file);
  try {
    migrate(db);
  } catch (error) {
    db.close();
    throw error;
  }
  const metricKeys = createMetricKeyCatalog(db);
  const runs = createRunsRepository(db, clock);
  const checkpoints = createCheckpointsRepository(db, clock);
  const ensembles = createEnsemblesRepository(db, clock);
  return {
    db,
    file,
    experiments: createExperimentsRepository(db, clock),
    runs,
    runDiagnostics: createRunDiagnosticsRepository(db),
    metricKeys,
    metrics: createMetricsRepository(db, metricKeys, createCurveBlockWriter(db, condenseMinMax)),
    checkpoints,
    ensembles,
    deviceSamples: createDeviceSamplesRepository(db),
    slurmJobs: createSlurmJobsRepository(db, clock),
    landscapes: createLandscapesRepository(db, clock),
    queries: createStoreQueries({ db, file, clock, metricKeys, runs, checkpoints, ensembles }),
    close() {
      db.pragma('optimize');
      db.close();
    },
  };
}
