import { describe, expect, it } from 'vitest';
import { compareHref, editorHref, newExperimentHref, parseRoute, runHref } from './route';

describe('route', () => {
  it('reads every place from its hash', () => {
    expect(parseRoute('')).toEqual({ view: 'experiments', experiment: null });
    expect(parseRoute('#/experiments')).toEqual({ view: 'experiments', experiment: null });
    expect(parseRoute(editorHref(12))).toEqual({ view: 'experiments', experiment: 12 });
    expect(parseRoute(newExperimentHref)).toEqual({ view: 'experiments', experiment: 'new' });
    expect(parseRoute('#/runs')).toEqual({ view: 'runs', runId: null });
    expect(parseRoute(runHref(7))).toEqual({ view: 'runs', runId: 7 });
    expect(parseRoute('#/devices')).toEqual({ view: 'devices' });
    expect(parseRoute('#/nowhere/3')).toEqual({ view: 'experiments', experiment: null });
  });

  it('round-trips Compare’s experiments and runs through the hash', () => {
    const selection = { experimentIds: [3, 4], runIds: [9] };
    expect(compareHref(selection)).toBe('#/compare/experiments/3,4/runs/9');
    expect(parseRoute(compareHref(selection))).toEqual({ view: 'compare', selection });
  });

  it('reads an empty or partial Compare hash', () => {
    expect(parseRoute('#/compare')).toEqual({
      view: 'compare',
      selection: { experimentIds: [], runIds: [] },
    });
    expect(parseRoute('#/compare/runs/1,x,2')).toEqual({
      view: 'compare',
      selection: { experimentIds: [], runIds: [1, 2] },
    });
    expect(compareHref({ experimentIds: [], runIds: [] })).toBe('#/compare');
  });
});
