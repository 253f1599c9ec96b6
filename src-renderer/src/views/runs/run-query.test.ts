import { describe, expect, it } from 'vitest';
import {
  finishedAmong,
  listFilter,
  listSort,
  noFilters,
  settingJson,
  settingLabel,
  settingText,
} from './run-query';

describe('listFilter', () => {
  it('asks for nothing when nothing is set', () => {
    expect(listFilter(noFilters)).toEqual({ ok: true, value: {} });
  });

  it('turns every filter a person set into runs.list params', () => {
    expect(
      listFilter({
        ...noFilters,
        experimentId: 3,
        tag: 'baseline',
        backend: 'wasm',
        metric: 'val.accuracy',
        metricAtLeast: ' 0.9 ',
        settingPath: 'optimization.optimizer.kind',
        settingValue: 'adam',
      }),
    ).toEqual({
      ok: true,
      value: {
        experimentId: 3,
        tag: 'baseline',
        backend: 'wasm',
        setting: { path: 'optimization.optimizer.kind', equals: '"adam"' },
        metric: { key: 'val.accuracy', atLeast: 0.9 },
      },
    });
  });

  it('names the field to correct', () => {
    expect(listFilter({ ...noFilters, metricAtMost: 'low' })).toEqual({
      ok: false,
      field: 'Best at most',
      problem: 'Best at most: “low” is not a number.',
    });
    expect(listFilter({ ...noFilters, settingPath: 'model..units' })).toMatchObject({
      ok: false,
      field: 'Setting',
    });
    expect(listFilter({ ...noFilters, settingValue: '3' })).toMatchObject({
      ok: false,
      field: 'Setting value',
    });
  });
});

describe('setting values', () => {
  it('reads what was typed as the JSON text configs hold, and shows it back without quotes', () => {
    expect(['0.010', 'adam', 'true', '"adam"', ' 64 '].map(settingJson)).toEqual([
      '0.01',
      '"adam"',
      'true',
      '"adam"',
      '64',
    ]);
    expect(settingLabel('optimization.optimizer.learningRate')).toBe('Learning rate');
    expect(settingLabel('model.layers[0]')).toBe('Layers');
    expect([settingText('"adam"'), settingText('0.01'), settingText(null)]).toEqual([
      'adam',
      '0.01',
      'not set',
    ]);
  });
});

describe('listSort and finishedAmong', () => {
  it('names the metric or setting a column sorts by, and keeps finished statuses only', () => {
    const filters = { metric: 'val.loss', settingPath: 'training.epochs' };
    expect(listSort({ by: 'metric', direction: 'asc' }, filters)).toEqual({
      by: 'metric',
      metric: 'val.loss',
      which: 'best',
      direction: 'asc',
    });
    expect(listSort({ by: 'setting', direction: 'desc' }, filters)).toEqual({
      by: 'setting',
      path: 'training.epochs',
      direction: 'desc',
    });
    expect(finishedAmong(['running', 'failed'])).toEqual(['failed']);
    expect(finishedAmong(null)).toHaveLength(5);
  });
});
