import fs from 'node:fs';
import { LabError } from '@shared/contract/envelope';
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
import { createMetricNotesRepository } from './metric-notes-repository';
import { createMetricsRepository } from './metrics-repository';
import { backupDatabase } from './backups';
import { checkDatabaseHealth } from './database-health';
import { migrate, readSchemaVersion } from './migrate';
import { migrations } from './migrations';
import { createStoreQueries, type StoreQueries } from './queries';
import { createRunAttemptsRepository } from './run-attempts-repository';
import { createRunDiagnosticsRepository } from './run-diagnostics-repository';
import { createRunsRepository } from './runs-repository';
import { createSlurmJobsRepository } from './slurm-jobs-repository';

export const DATABASE_FILE = 'basin.sqlite';

type Repository<F extends (...args: never[]) => unknown> = ReturnType<F>;

/**
 * What reading the record needs (ls, show, export, the queries): the read methods of each
 * repository. A StoreReader from `openStoreReadOnly` sits on a read-only connection.
 */
export interface StoreReader {
  readonly db: Db;
  readonly file: string;
  readonly experiments: Pick<
    Repository<typeof createExperimentsRepository>,
    'get' | 'list' | 'specVersion' | 'history'
  >;
  readonly runs: Pick<
    Repository<typeof createRunsRepository>,
    'get' | 'listForExperiment' | 'queue'
  >;
  readonly runDiagnostics: Pick<Repository<typeof createRunDiagnosticsRepository>, 'get'>;
  readonly checkpoints: Pick<
    Repository<typeof createCheckpointsRepository>,
    'get' | 'listForRun' | 'find'
  >;
  readonly ensembles: Pick<
    Repository<typeof createEnsemblesRepository>,
    'listForExperiment' | 'snapshotOf'
  >;
  readonly slurmJobs: Pick<Repository<typeof createSlurmJobsRepository>, 'listForRun'>;
  /** Read only: attempts are recorded by the runs and Slurm jobs repositories as runs move. */
  readonly runAttempts: Pick<Repository<typeof createRunAttemptsRepository>, 'listForRun'>;
  readonly metricNotes: Pick<Repository<typeof createMetricNotesRepository>, 'listForRun'>;
  readonly queries: StoreQueries;
  close(): void;
}

/**
 * The lab's record: one SQLite database in the data folder, and a repository per kind of row. The
 * lab core holds the only StoreWriter of a data folder (under its lock).
 */
export interface StoreWriter extends StoreReader {
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
  readonly metricNotes: ReturnType<typeof createMetricNotesRepository>;
}

export type Store = StoreWriter;

/**
 * Opens (creating it if needed) the database in `dataDir` and brings its schema up to date. The
 * lab core holds the only Store that writes; trainers never open the database.
 */
export function openStore(dataDir: string, options: { clock?: Clock } = {}): Store {
  const clock = options.clock ?? systemClock;
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, DATABASE_FILE);
  checkDatabaseHealth(dataDir, file);
  const db = openDatabase(file);
  try {
    migrate(db);
  } catch (error) {
    db.close();
    throw error;
  }
  return assemble(db, file, clock, () => db.pragma('optimize'));
}

function assemble(db: Db, file: string, clock: Clock, beforeClose: () => void): Store {
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
    runAttempts: createRunAttemptsRepository(db),
    metricNotes: createMetricNotesRepository(db),
    landscapes: createLandscapesRepository(db, clock),
    queries: createStoreQueries({ db, file, clock, metricKeys, runs, checkpoints, ensembles }),
    close() {
      beforeClose();
      db.close();
    },
  };
}

/**
 * Opens the record for reading only (ls, show, export): no lock, no migration, no `optimize`, no
 * write of any kind, so it is safe beside a running lab and on a database it must not change. A
 * schema other than the one this Basin writes is refused with a sentence saying what to do.
 */
export function openStoreReadOnly(dataDir: string, options: { clock?: Clock } = {}): StoreReader {
  const file = path.join(dataDir, DATABASE_FILE);
  checkDatabaseHealth(dataDir, file);
  const db = openDatabase(file, { readonly: true });
  try {
    const version = readSchemaVersion(db);
    if (version !== migrations.length) {
      throw new LabError(
        'unavailable',
        version > migrations.length
          ? `${file} was written by a newer Basin (schema version ${version}; this one reads ${migrations.length}); use a newer Basin to read it.`
          : `${file} is at schema version ${version}; this Basin reads version ${migrations.length}. Start the lab once (\`basin serve\` or \`basin run\`) to upgrade it; a backup is taken first.`,
      );
    }
  } catch (error) {
    db.close();
    throw error;
  }
  return assemble(db, file, options.clock ?? systemClock, () => undefined);
}

/**
 * Before a newer Basin migrates an existing database, a copy of it as it was: a migration that goes
 * wrong (or a downgrade later) can then be undone with `basin restore`. Returns the backup, or
 * null when there is nothing to migrate.
 */
export async function backupBeforeMigrating(dataDir: string, keep: number): Promise<string | null> {
  const file = path.join(dataDir, DATABASE_FILE);
  if (!fs.existsSync(file) || fs.statSync(file).size === 0) return null;
  checkDatabaseHealth(dataDir, file);
  const db = openDatabase(file, { readonly: true });
  try {
    const version = readSchemaVersion(db);
    if (version === 0 || version >= migrations.length) return null;
    return await backupDatabase(db, dataDir, `before-v${migrations.length}`, keep);
  } finally {
    db.close();
  }
}
