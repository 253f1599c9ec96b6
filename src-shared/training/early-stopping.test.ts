import { describe, expect, it } from 'vitest';
import fixture from './fixtures/keras-early-stopping.json';
import {
  epochToRestore,
  observeEarlyStopping,
  shouldStop,
  startEarlyStopping,
  type EarlyStoppingRule,
} from './early-stopping';

function train(rule: EarlyStoppingRule, values: readonly (number | null)[]) {
  let state = startEarlyStopping();
  const epochs = [];
  for (const [epoch, value] of values.entries()) {
    state = observeEarlyStopping(rule, state, epoch, value ?? undefined);
    epochs.push({
      wait: state.wait,
      best: state.best,
      bestEpoch: state.bestEpoch,
      stop: shouldStop(state),
    });
    if (shouldStop(state)) break;
  }
  return { epochs, finalWeightsFromEpoch: epochToRestore(rule, state) ?? epochs.length - 1 };
}

describe('early stopping matches Keras EarlyStopping', () => {
  it('covers patience, min delta, restore best, start epoch and baseline', () => {
    expect(fixture.cases.map((c) => c.name)).toEqual(
      expect.arrayContaining([
        'patience 3 restores the best epoch',
        'min delta turns small gains into waits',
        'start from epoch 5',
        'baseline never beaten',
        'max mode with min delta',
      ]),
    );
  });

  for (const c of fixture.cases) {
    it(c.name, () => {
      const { epochs, finalWeightsFromEpoch } = train(c.rule as EarlyStoppingRule, c.values);
      expect(epochs).toEqual(c.epochs);
      expect(finalWeightsFromEpoch).toBe(c.finalWeightsFromEpoch);
    });
  }

  it('stops after patience epochs without improvement and restores the best one (checked by hand)', () => {
    const rule: EarlyStoppingRule = {
      mode: 'min',
      patience: 2,
      minDelta: 0,
      startFromEpoch: 0,
      restoreBestWeights: true,
      baseline: null,
    };
    const result = train(rule, [0.5, 0.4, 0.45, 0.41, 0.3]);
    expect(result.epochs.map((e) => e.stop)).toEqual([false, false, false, true]);
    expect(result.finalWeightsFromEpoch).toBe(1);
  });

  it('refuses epochs after it stopped', () => {
    const rule: EarlyStoppingRule = {
      mode: 'max',
      patience: 0,
      minDelta: 0,
      startFromEpoch: 0,
      restoreBestWeights: false,
      baseline: null,
    };
    const stopped = observeEarlyStopping(
      rule,
      observeEarlyStopping(rule, startEarlyStopping(), 0, 1),
      1,
      0,
    );
    expect(() => observeEarlyStopping(rule, stopped, 2, 1)).toThrow(
      'early stopping: training already stopped after epoch 1, received epoch 2',
    );
  });
});
