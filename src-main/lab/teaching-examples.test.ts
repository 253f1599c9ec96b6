import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { finishedStatuses, type RunDetail } from '@shared/contract/runs';
import { validateSpec, type ExperimentSpecInput } from '@shared/experiment';
import { repoRoot } from '../testing/built-app';
import type { LabCore } from './lab-core';
import { call, example, fullCurves, openTestLab, tempDataDir } from './testing/lab-fixture';

/**
 * Each shipped example promises, in its description, an effect a person can see; these tests train
 * the examples as shipped through the lab and check that the effect is there. Only the backend is
 * pinned (wasm, where the quoted numbers were measured), so the runs are the same on every machine.
 */

/** Generous: the whole file is about a minute of CPU, but a shared machine may stretch it 3-fold. */
const TRAINING_TIMEOUT_MS = 400_000;

let lab: LabCore;
let cleanUp: () => void;
const launched = new Map<string, Promise<number>>();

/** Creates and launches the example once per key; resolves with the experiment id once launched. */
function trained(
  file: string,
  change: (spec: ExperimentSpecInput) => ExperimentSpecInput = (spec) => spec,
  key = file,
): Promise<number> {
  const existing = launched.get(key);
  if (existing !== undefined) return existing;
  const spec = example(file, (s) => {
    const changed = change(s);
    return { ...changed, training: { ...changed.training, backend: 'wasm' } };
  });
  const done = (async () => {
    const { id } = await call(lab, 'experiments.create', { spec });
    await call(lab, 'experiments.launch', { id });
    return id;
  })();
  launched.set(key, done);
  return done;
}

/** The experiment's runs, by restart, once every one has finished and its ensembles are scored. */
async function settledRuns(experimentId: number): Promise<RunDetail[]> {
  for (;;) {
    const { runs } = await call(lab, 'runs.list', { experimentId });
    if (runs.every((run) => finishedStatuses.includes(run.status))) break;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  await lab.experimentSettled(experimentId);
  const { runs } = await call(lab, 'runs.list', { experimentId });
  const details = await Promise.all(runs.map((run) => call(lab, 'runs.get', { id: run.id })));
  expect(details.map((run) => run.status)).toEqual(details.map(() => 'succeeded'));
  return details.sort((a, b) => a.restart - b.restart);
}

function valLoss(run: RunDetail): { best: number; bestEpoch: number; last: number } {
  const summary = run.metrics['val.loss'];
  if (summary?.best == null || summary.bestEpoch == null || summary.last == null) {
    throw new Error(`run ${run.id} has no val.loss summary`);
  }
  return { best: summary.best, bestEpoch: summary.bestEpoch, last: summary.last };
}

const withoutEarlyStopping = (spec: ExperimentSpecInput): ExperimentSpecInput => ({
  ...spec,
  training: { ...spec.training, earlyStopping: null },
});

beforeAll(async () => {
  const temp = tempDataDir();
  cleanUp = temp.cleanUp;
  lab = await openTestLab(temp.dataDir);
  // Queue everything at once so both CPU slots stay busy while the tests read results in turn.
  await Promise.all([
    trained('breast-cancer-restarts.json'),
    trained('circles-random-restarts.json'),
    trained('breast-cancer-early-stopping.json'),
    trained('breast-cancer-early-stopping.json', withoutEarlyStopping, 'no early stopping'),
    trained('breast-cancer-weight-decay.json'),
    trained('breast-cancer-snapshot-ensemble.json'),
    trained('poisson-counts-swa.json'),
    trained('circles-learning-rate-decay.json'),
  ]);
}, 60_000);

afterAll(async () => {
  await lab?.close();
  cleanUp?.();
});

describe('shipped examples', () => {
  it('all validate without problems or warnings', () => {
    const files = readdirSync(join(repoRoot, 'resources', 'examples')).filter((f) =>
      f.endsWith('.json'),
    );
    expect(files.length).toBeGreaterThanOrEqual(6);
    for (const file of files) {
      const result = validateSpec(example(file));
      expect({ file, problems: result.ok ? result.warnings : result.problems }).toEqual({
        file,
        problems: [],
      });
    }
  });

  it(
    'Breast Cancer combined: validation loss falls for several epochs and does not climb back',
    async () => {
      const runs = await settledRuns(await trained('breast-cancer-restarts.json'));
      expect(runs).toHaveLength(4);
      for (const run of runs) {
        const loss = valLoss(run);
        const curve = (await fullCurves(lab, run.id, ['val.loss']))['val.loss']!;
        // Measured: best epoch 13–18, epoch 1 at 1.7–2.6× the best, the last within 2.3% of it.
        expect(loss.bestEpoch).toBeGreaterThanOrEqual(8);
        expect(curve.y[0]).toBeGreaterThan(1.5 * loss.best);
        expect(loss.last).toBeLessThan(1.05 * loss.best);
      }
    },
    TRAINING_TIMEOUT_MS,
  );

  it(
    'random restarts: seeds spread the validation accuracy, and the pick is the best',
    async () => {
      const experimentId = await trained('circles-random-restarts.json');
      const runs = await settledRuns(experimentId);
      const best = runs.map((run) => run.metrics['val.accuracy']?.best ?? NaN);
      // Measured: seven restarts at 0.98–0.99, one stalled at 0.79.
      expect(Math.max(...best) - Math.min(...best)).toBeGreaterThan(0.1);
      const comparison = await call(lab, 'compare.strategies', { experimentId });
      expect(comparison.selected?.validation).toBeGreaterThanOrEqual(Math.max(...best));
    },
    TRAINING_TIMEOUT_MS,
  );

  it(
    'early stopping: stops long before epoch 60 and keeps an epoch better than the last',
    async () => {
      const [stopped] = await settledRuns(await trained('breast-cancer-early-stopping.json'));
      const [full] = await settledRuns(
        await trained(
          'breast-cancer-early-stopping.json',
          withoutEarlyStopping,
          'no early stopping',
        ),
      );
      const kept = stopped!.checkpoints.find((c) => c.kind === 'best')?.metrics['val.loss'];
      // Measured: stops after epoch 14 keeping epoch 9 (0.050); trained on, epoch 60 ends at 0.089.
      expect(stopped!.epoch).toBeLessThan(30);
      expect(kept).toBe(valLoss(stopped!).best);
      expect(valLoss(stopped!).last).toBeGreaterThan(kept!);
      expect(valLoss(full!).last).toBeGreaterThan(1.4 * kept!);
    },
    TRAINING_TIMEOUT_MS,
  );

  it(
    'weight decay: the decayed runs end well below the runs without, which climb from their best',
    async () => {
      const runs = await settledRuns(await trained('breast-cancer-weight-decay.json'));
      const decay = (run: RunDetail) =>
        (run.config as { optimization: { optimizer: { weightDecay: number } } }).optimization
          .optimizer.weightDecay;
      const none = runs.filter((run) => decay(run) === 0).map(valLoss);
      const decayed = runs.filter((run) => decay(run) > 0).map(valLoss);
      expect([none.length, decayed.length]).toEqual([2, 2]);
      // Measured: none ends at 0.089 and 0.077 (1.8× and 1.6× its best); decay at 0.066 and 0.067.
      expect(Math.max(...decayed.map((l) => l.last))).toBeLessThan(
        0.95 * Math.min(...none.map((l) => l.last)),
      );
      for (const loss of none) expect(loss.last).toBeGreaterThan(1.4 * loss.best);
      for (const loss of decayed) expect(loss.last).toBeLessThan(1.1 * loss.best);
    },
    TRAINING_TIMEOUT_MS,
  );

  it(
    'snapshot ensemble: the ensemble beats the last snapshot alone in every restart',
    async () => {
      const experimentId = await trained('breast-cancer-snapshot-ensemble.json');
      await settledRuns(experimentId);
      const curve = await call(lab, 'compare.snapshotCurve', {
        experimentIds: [experimentId],
        metric: 'loss',
      });
      expect(curve.runs).toHaveLength(3);
      for (const run of curve.runs) {
        const single = run.points.find((p) => p.members === 1)!.value;
        const ensemble = run.points.find((p) => p.members === 4)!.value;
        // Measured: 0.061, 0.085, 0.061 against 0.092, 0.115, 0.078 (ratios 0.67 to 0.78).
        expect(ensemble).toBeLessThan(0.9 * single);
      }
    },
    TRAINING_TIMEOUT_MS,
  );

  it(
    'SWA: the averaged weights score below the best single epoch over the 5 restarts',
    async () => {
      const experimentId = await trained('poisson-counts-swa.json');
      const runs = await settledRuns(experimentId);
      expect(runs).toHaveLength(5);
      const gains = runs.map((run) => {
        const loss = (kind: string) =>
          run.checkpoints.find((c) => c.kind === kind)?.metrics['val.loss'] ?? NaN;
        return loss('best') - loss('swa');
      });
      // Measured with the shipped seed: SWA lower by 0.0008 to 0.0013 (of about 0.330) in all 5
      // restarts. Training seeds 2 and 3 gave a mean gain of 0.0007 and 0.0002, winning in 4 and
      // 3 restarts of 5, so the checks are the mean and a majority, not every restart.
      expect(gains.filter((gain) => gain > 0).length).toBeGreaterThanOrEqual(3);
      const comparison = await call(lab, 'compare.strategies', { experimentId });
      const difference = comparison.rows.find(
        (row) => row.strategy === 'swa',
      )?.differenceToBestEpoch;
      if (difference == null || !('estimate' in difference))
        throw new Error('SWA was not compared');
      expect(difference.estimate).toBeLessThan(0);
    },
    TRAINING_TIMEOUT_MS,
  );

  it(
    'learning-rate decay: the decayed runs settle at their best, the constant-rate runs keep jumping',
    async () => {
      const runs = await settledRuns(await trained('circles-learning-rate-decay.json'));
      const schedule = (run: RunDetail) =>
        (run.config as { optimization: { schedule: { kind: string } } }).optimization.schedule.kind;
      const lastFive = async (run: RunDetail) => {
        const y = (await fullCurves(lab, run.id, ['val.loss']))['val.loss']!.y.slice(
          -5,
        ) as number[];
        return Math.max(...y) - Math.min(...y);
      };
      const constant = runs.filter((run) => schedule(run) === 'constant');
      const cosine = runs.filter((run) => schedule(run) === 'cosine');
      expect([constant.length, cosine.length]).toEqual([2, 2]);
      // Measured: the last 5 epochs span 0.041 and 0.129 at a constant rate, 0.002 with the decay.
      for (const run of constant) expect(await lastFive(run)).toBeGreaterThan(0.02);
      for (const run of cosine) {
        expect(await lastFive(run)).toBeLessThan(0.005);
        expect(valLoss(run).last).toBeLessThan(1.005 * valLoss(run).best);
      }
    },
    TRAINING_TIMEOUT_MS,
  );
});
