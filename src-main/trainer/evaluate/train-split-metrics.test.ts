import { describe, expect, it } from 'vitest';
import { TRAIN_RANKING_SAMPLE_ROWS } from '@shared/experiment/metric-names';
import { defined } from '@shared/metrics';
import { Rng } from '@shared/random/rng';
import { keyedMetrics, taskMetrics } from './task-metrics';
import { rankingSampleRows, trainSplitMetrics } from './train-split-metrics';

/** A classification epoch: noisy softmax-like rows that lean towards the true class. */
function epoch(count: number, columns: number, seed: number) {
  const rng = Rng.fromSeed(seed);
  const classes = columns === 1 ? 2 : columns;
  const targets = Float32Array.from({ length: count }, () => rng.integer(0, classes));
  const order = rng.permutation(count);
  const predictions = new Float32Array(count * columns);
  order.forEach((row, i) => {
    const target = targets[row] as number;
    if (columns === 1) {
      predictions[i] = Math.min(1, Math.max(0, 0.3 * target + 0.7 * rng.uniform()));
      return;
    }
    let total = 0;
    for (let k = 0; k < columns; k++) {
      const p = rng.uniform() + (k === target ? 0.5 : 0);
      predictions[i * columns + k] = p;
      total += p;
    }
    for (let k = 0; k < columns; k++) {
      predictions[i * columns + k] = (predictions[i * columns + k] as number) / total;
    }
  });
  return { order, targets, predictions, columns };
}

describe('rankingSampleRows', () => {
  it('takes every row of a small training split', () => {
    expect(Array.from(rankingSampleRows(7))).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it('draws the same distinct rows, ascending, every time for a large one', () => {
    const first = rankingSampleRows(54_000);
    expect(first.length).toBe(TRAIN_RANKING_SAMPLE_ROWS);
    expect(new Set(first).size).toBe(first.length);
    expect(first.every((row, i) => row < 54_000 && (i === 0 || row > (first[i - 1] as number))));
    expect(rankingSampleRows(54_000)).toEqual(first);
  });
});

describe('trainSplitMetrics', () => {
  it.each([
    ['multiclass', 10],
    ['binary', 1],
    ['binary', 2],
  ] as const)('scores every row of a small %s split as before (%i columns)', (task, columns) => {
    const e = epoch(500, columns, 3);
    const ordered = Float32Array.from(e.order, (row) => e.targets[row] as number);
    expect(trainSplitMetrics({ task, loss: 0.5, ...e })).toEqual(
      keyedMetrics('train', task, defined(0.5), ordered, e.predictions, columns),
    );
  });

  it('scores AUC and AP on the sampled rows and everything else on all rows of a large split', () => {
    const task = 'multiclass';
    const e = epoch(25_000, 4, 9);
    const metrics = trainSplitMetrics({ task, loss: 0.25, ...e }).metrics;

    const ordered = Float32Array.from(e.order, (row) => e.targets[row] as number);
    const everyRow = taskMetrics(task, ordered, e.predictions, 4).values;
    expect(metrics['train.loss']).toBe(0.25);
    expect(metrics['train.accuracy']).toBe(everyRow.accuracy);
    expect(metrics['train.logLoss']).toBe(everyRow.logLoss);

    const sample = rankingSampleRows(25_000);
    const position = new Map(Array.from(e.order, (row, i) => [row, i]));
    const sampledPredictions = new Float32Array(sample.length * 4);
    sample.forEach((row, k) => {
      const i = position.get(row) as number;
      sampledPredictions.set(e.predictions.subarray(i * 4, i * 4 + 4), k * 4);
    });
    const sampledTargets = Float32Array.from(sample, (row) => e.targets[row] as number);
    const onSample = taskMetrics(task, sampledTargets, sampledPredictions, 4).values;
    expect(metrics['train.auc']).toBe(onSample.auc);
    expect(metrics['train.averagePrecision']).toBe(onSample.averagePrecision);
    expect(metrics['train.auc']).not.toBe(everyRow.auc);
  });

  it('reports no ranking metrics for regression', () => {
    const order = Uint32Array.from([1, 0, 2]);
    const result = trainSplitMetrics({
      task: 'regression',
      loss: 1,
      order,
      targets: Float32Array.from([1, 2, 3]),
      predictions: Float32Array.from([2, 1, 3]),
      columns: 1,
    });
    expect(result.metrics['train.mse']).toBe(0);
    expect(Object.keys(result.metrics).some((key) => key.includes('auc'))).toBe(false);
  });
});
