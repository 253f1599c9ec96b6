import { describe, expect, it } from 'vitest';
import { groupForPicking, selectedRunIds, toggleExperiment, toggleRuns } from './selection';

const runs = [
  { id: 1, experimentId: 10 },
  { id: 2, experimentId: 10 },
  { id: 3, experimentId: 10 },
  { id: 4, experimentId: 20 },
];

describe('selection', () => {
  it('resolves whole experiments and single runs to run ids', () => {
    expect(selectedRunIds({ experimentIds: [10], runIds: [4] }, runs)).toEqual([1, 2, 3, 4]);
    expect(selectedRunIds({ experimentIds: [], runIds: [2] }, runs)).toEqual([2]);
  });

  it('selecting an experiment absorbs its single runs', () => {
    expect(toggleExperiment({ experimentIds: [], runIds: [2, 4] }, 10, true, runs)).toEqual({
      experimentIds: [10],
      runIds: [4],
    });
  });

  it('removing one run of a whole experiment keeps its other runs', () => {
    expect(toggleRuns({ experimentIds: [10], runIds: [] }, [2], false, runs)).toEqual({
      experimentIds: [],
      runIds: [1, 3],
    });
  });

  it('adds runs once', () => {
    expect(toggleRuns({ experimentIds: [10], runIds: [] }, [2, 4], true, runs)).toEqual({
      experimentIds: [10],
      runIds: [4],
    });
  });
});

describe('groupForPicking', () => {
  it('groups by experiment, then restart in order, folds together', () => {
    const named = [
      { id: 1, experimentId: 10, experimentName: 'A', restart: 1 },
      { id: 2, experimentId: 20, experimentName: 'B', restart: 0 },
      { id: 3, experimentId: 10, experimentName: 'A', restart: 0 },
      { id: 4, experimentId: 10, experimentName: 'A', restart: 1 },
    ];
    const groups = groupForPicking(named);
    expect(groups.map((g) => [g.id, g.name, g.count])).toEqual([
      [10, 'A', 3],
      [20, 'B', 1],
    ]);
    expect(groups[0]?.restarts.map((r) => [r.restart, r.runs.map((run) => run.id)])).toEqual([
      [0, [3]],
      [1, [1, 4]],
    ]);
  });
});
