import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll } from 'vitest';
import { dispatch } from '@shared/contract/dispatch';
import type { Reply } from '@shared/contract/envelope';
import type { LabMethod, ParamsOf, ResultOf } from '@shared/contract/lab-api';
import type { ExperimentSpecInput } from '@shared/experiment';
import { DATABASE_FILE } from '../../store/open-store';
import { repoRoot, requireBuiltApp } from '../../testing/built-app';
import type { LabEventMessage } from '../events';
import { createLabCore, type LabCore, type LabCoreOptions } from '../lab-core';

/** A shipped example experiment, changed to a test's needs. */
export function example(
  file: string,
  change: (spec: ExperimentSpecInput) => ExperimentSpecInput = (spec) => spec,
): ExperimentSpecInput {
  const text = readFileSync(join(repoRoot, 'resources', 'examples', file), 'utf8');
  return change(JSON.parse(text) as ExperimentSpecInput);
}

/** Two spirals with `samples` points: epochs long enough to kill a trainer in the middle of one. */
export function spirals(
  name: string,
  samples: number,
  epochs: number,
  restarts = 1,
): ExperimentSpecInput {
  return example('spirals-quick.json', (spec) => ({
    ...spec,
    name,
    data: {
      source: { kind: 'builtin', dataset: 'spirals', generator: { samples, noise: 0.1, seed: 0 } },
    },
    training: { ...spec.training, epochs, backend: 'wasm' },
    strategy: { restarts: { count: restarts } },
  }));
}

/**
 * Poisson counts fitted with mse: its linear output predicts any real number, below 0 too, so
 * the Poisson deviance is undefined (with its reason) while the run trains.
 */
export function countsWithMse(name = 'counts with mse'): ExperimentSpecInput {
  return example('poisson-counts-swa.json', (spec) => ({
    ...spec,
    name,
    data: {
      source: {
        kind: 'builtin',
        dataset: 'poisson-counts',
        generator: { samples: 1000, noise: 0, seed: 0 },
      },
    },
    optimization: { loss: 'mse', optimizer: { kind: 'sgd', learningRate: 0.05 } },
    training: { epochs: 4, batchSize: 32, seed: 1 },
    strategy: { restarts: { count: 1 } },
  }));
}

/** A fresh data folder inside a temporary root, both removed by `cleanUp`. */
export function tempDataDir(): { root: string; dataDir: string; cleanUp: () => void } {
  const root = mkdtempSync(join(tmpdir(), 'basin-lab-'));
  return {
    root,
    dataDir: join(root, 'data'),
    cleanUp: () => rmSync(root, { recursive: true, force: true }),
  };
}

/** Opens a lab on `dataDir` with the built bundles and two CPU slots. */
export function openTestLab(
  dataDir: string,
  options: Partial<LabCoreOptions> = {},
): Promise<LabCore> {
  const paths = requireBuiltApp();
  return createLabCore({
    dataDir,
    probeScript: paths.probeScript,
    trainerScript: paths.trainerScript,
    evaluatorScript: paths.evaluatorScript,
    landscapeScript: paths.landscapeScript,
    resourcesDir: paths.resourcesDir,
    devices: { cpuSlots: 2, gpus: [] },
    cancelGraceMs: 5_000,
    reportError: (message) => process.stderr.write(`lab: ${message}\n`),
    ...options,
  });
}

/** Calls the lab through the contract's dispatch, as both transports do. */
/**
 * One lab on a fresh data folder for a whole test file: opened before its first test, closed and
 * removed after its last. Returns the lab's getter, for use inside the tests.
 */
export function useSharedTestLab(): () => LabCore {
  let lab: LabCore | undefined;
  let cleanUp = (): void => undefined;
  beforeAll(async () => {
    const temp = tempDataDir();
    cleanUp = temp.cleanUp;
    lab = await openTestLab(temp.dataDir);
  }, 60_000);
  afterAll(async () => {
    await lab?.close();
    cleanUp();
  });
  return () => {
    if (lab === undefined)
      throw new Error('The shared test lab opens in beforeAll; use it in tests');
    return lab;
  };
}

export function reply<M extends LabMethod>(
  lab: LabCore,
  method: M,
  params: unknown,
): Promise<Reply<ResultOf<M>>> {
  return dispatch(lab.handlers, method, params) as Promise<Reply<ResultOf<M>>>;
}

/** Like `reply`, but throws on an error reply. */
export async function call<M extends LabMethod>(
  lab: LabCore,
  method: M,
  params: ParamsOf<M>,
): Promise<ResultOf<M>> {
  const answer = await reply(lab, method, params);
  if (!answer.ok) throw new Error(`${method}: ${answer.error.code}: ${answer.error.message}`);
  return answer.value;
}

/** Resolves with the first event payload the predicate accepts. */
export function nextEvent<T>(
  lab: LabCore,
  pick: (message: LabEventMessage) => T | undefined,
): Promise<T> {
  return new Promise((resolve) => {
    const unsubscribe = lab.events.subscribe((message) => {
      const picked = pick(message);
      if (picked === undefined) return;
      unsubscribe();
      resolve(picked);
    });
  });
}

/** `PRAGMA integrity_check` of the lab's database, read through a connection of its own. */
export function integrityCheck(dataDir: string): string {
  const db = new Database(join(dataDir, DATABASE_FILE), { readonly: true });
  try {
    return db.pragma('integrity_check', { simple: true }) as string;
  } finally {
    db.close();
  }
}

/** A run's committed metric rows, read straight from the database file: [key, epoch, value]. */
export function committedMetrics(
  dataDir: string,
  runId: number,
): [string, number, number | null][] {
  const db = new Database(join(dataDir, DATABASE_FILE), { readonly: true });
  try {
    return db
      .prepare<[number], [string, number, number | null]>(
        `SELECT k.name, m.epoch, m.value FROM metrics m JOIN metric_keys k ON k.id = m.key_id
         WHERE m.run_id = ? ORDER BY k.name, m.step`,
      )
      .raw()
      .all(runId);
  } finally {
    db.close();
  }
}

/** Every epoch's value of the keys, as the curves query returns them at full resolution. */
export async function fullCurves(lab: LabCore, runId: number, keys: string[]) {
  const { curves } = await call(lab, 'curves.get', {
    runIds: [runId],
    keys,
    x: 'epoch',
    resolution: 20_000,
  });
  return Object.fromEntries(curves.map((curve) => [curve.key, { x: curve.x, y: curve.y }]));
}
