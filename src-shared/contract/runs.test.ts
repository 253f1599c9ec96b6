import { describe, expect, it } from 'vitest';
import { runsListParamsSchema } from './runs';

const issues = (params: unknown) => {
  const parsed = runsListParamsSchema.safeParse(params);
  return parsed.success ? [] : parsed.error.issues.map((i) => [i.path.join('.'), i.message]);
};

describe('runs.list params', () => {
  it('takes filters on backend, tag, a setting and a metric bound, and sorts by a setting', () => {
    expect(
      issues({
        backend: 'wasm',
        tag: 'baseline',
        setting: { path: 'model.layers[0].units', equals: '64' },
        metric: { key: 'val.loss', atMost: 0.5 },
        sort: { by: 'setting', path: 'optimization.optimizer.learningRate', direction: 'desc' },
      }),
    ).toEqual([]);
  });

  it('names the field of a bad setting path, a sort without its path, and unknown keys', () => {
    expect(issues({ setting: { path: 'model..units; DROP', equals: '1' } })).toEqual([
      [
        'setting.path',
        'a setting path is names joined by dots, with [n] for list items, e.g. model.layers[0].units',
      ],
    ]);
    expect(issues({ sort: { by: 'setting' } })).toEqual([
      ['sort.path', 'sort.path names the setting when sorting by setting'],
    ]);
    expect(issues({ sort: { by: 'status', colum: 'x' } })[0]?.[0]).toBe('sort');
    expect(issues({ metric: { key: 'val.loss', atMost: 'low' } })[0]?.[0]).toBe('metric.atMost');
  });
});
