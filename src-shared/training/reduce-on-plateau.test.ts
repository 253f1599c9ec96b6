import { describe, expect, it } from 'vitest';
import fixture from './fixtures/torch-reduce-on-plateau.json';
import {
  observePlateau,
  startPlateau,
  type PlateauRule,
  type PlateauState,
} from './reduce-on-plateau';

describe('reduce-on-plateau matches PyTorch ReduceLROnPlateau', () => {
  it('covers cooldown, both threshold modes, both directions, the floor and eps', () => {
    expect(fixture.cases.map((c) => c.name)).toEqual(
      expect.arrayContaining([
        'min abs, cooldown 2',
        'max rel, cooldown 1',
        'max abs',
        'min lr reached',
        'reduction below eps is skipped',
      ]),
    );
  });

  for (const c of fixture.cases) {
    it(c.name, () => {
      expect(c.states).toHaveLength(c.metrics.length);
      const rule = c.rule as PlateauRule;
      let state = startPlateau(c.baseLr);
      const states: PlateauState[] = [];
      for (const metric of c.metrics) {
        state = observePlateau(rule, state, metric);
        states.push(state);
      }
      // Same float operations in the same order as PyTorch, so the states are identical.
      expect(states).toEqual(c.states);
    });
  }

  it('counts a NaN metric as a bad epoch, as PyTorch compares it', () => {
    const rule: PlateauRule = {
      mode: 'min',
      factor: 0.5,
      patience: 0,
      threshold: 0,
      thresholdMode: 'abs',
      cooldown: 0,
      minLr: 0,
      eps: 0,
    };
    const afterNaN = observePlateau(rule, observePlateau(rule, startPlateau(1), 2), Number.NaN);
    expect(afterNaN).toEqual({ lr: 0.5, best: 2, numBadEpochs: 0, cooldownCounter: 0 });
  });
});
