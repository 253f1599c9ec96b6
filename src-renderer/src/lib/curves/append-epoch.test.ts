import { describe, expect, it } from 'vitest';
import type { RunEpochEvent } from '@shared/contract/runs';
import { LEARNING_RATE_KEY } from '@shared/contract/series-keys';
import { appendEpoch } from './append-epoch';

const event = (epoch: number, metrics: Record<string, number>): RunEpochEvent => ({
  runId: 3,
  experimentId: 1,
  epoch,
  epochs: 10,
  metrics,
  learningRate: 0.01,
  elapsedMs: epoch * 500,
  etaMs: 1000,
});

describe('appendEpoch', () => {
  const curves = [
    { runId: 3, key: 'val.loss', x: [1, 2], y: [0.9, 0.8] },
    { runId: 4, key: 'val.loss', x: [1, 2], y: [0.7, 0.6] },
  ];

  it('adds the epoch’s value to its run’s curves only', () => {
    const next = appendEpoch(curves, event(3, { 'val.loss': 0.75 }), ['val.loss'], 'epoch');
    expect(next).toEqual([
      { runId: 3, key: 'val.loss', x: [1, 2, 3], y: [0.9, 0.8, 0.75] },
      curves[1],
    ]);
  });

  it('starts a curve for a key seen the first time, and the learning rate has its key', () => {
    const next = appendEpoch(
      [],
      event(1, { 'val.loss': 1 }),
      ['val.loss', LEARNING_RATE_KEY],
      'wallTime',
    );
    expect(next).toEqual([
      { runId: 3, key: 'val.loss', x: [0.5], y: [1] },
      { runId: 3, key: LEARNING_RATE_KEY, x: [0.5], y: [0.01] },
    ]);
  });

  it('ignores an epoch already drawn, and leaves the step axis to the lab', () => {
    expect(appendEpoch(curves, event(2, { 'val.loss': 5 }), ['val.loss'], 'epoch')).toEqual(curves);
    expect(appendEpoch(curves, event(3, { 'val.loss': 5 }), ['val.loss'], 'step')).toBeNull();
  });
});
