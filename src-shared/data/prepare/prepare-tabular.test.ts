import { describe, expect, it } from 'vitest';
import type { SplitConfig } from '../../experiment/split';
import { parseCsv } from '../csv/parse-csv';
import { typeColumns } from '../table/type-columns';
import { prepareTabular } from './prepare-tabular';
import type { TabularRecipe } from './prepare-tabular';

const holdout: SplitConfig = {
  kind: 'holdout',
  train: 0.6,
  validation: 0.2,
  test: 0.2,
  stratify: true,
  seed: 3,
};

/** 40 rows: a numeric feature with gaps, a categorical one, a time running backwards, a binary target. */
function csvText(change: (row: number) => boolean = () => false): string {
  const lines = ['size,colour,time,label'];
  for (let r = 0; r < 40; r++) {
    const size = change(r) ? 1000 + r : r % 7 === 3 ? '' : (r * 0.37) % 5;
    const colour = change(r) ? 'violet' : ['red', 'green', 'blue'][r % 3];
    lines.push(`${size},${colour},2024-01-01T10:${59 - r}:00Z,${r % 4 === 0 ? 'yes' : 'no'}`);
  }
  return lines.join('\n');
}

function prepare(text: string, overrides: Partial<TabularRecipe> = {}) {
  const { table, typing } = typeColumns(parseCsv(text, 'toy.csv'), { time: 'ignored' });
  return prepareTabular(table, {
    target: 'label',
    task: 'auto',
    missing: 'mean',
    preprocessing: { scale: 'standardize', oneHot: true },
    split: holdout,
    fold: 0,
    typing,
    ...overrides,
  });
}

describe('prepareTabular', () => {
  const prepared = prepare(csvText());

  it('infers the task, encodes the target and reports the facts', () => {
    expect(prepared.facts).toEqual({ task: 'binary', inputShape: [4], classCount: 2 });
    expect(prepared.preprocessing.target).toEqual({
      column: 'label',
      task: 'binary',
      classes: ['no', 'yes'],
    });
    expect(prepared.featureNames).toEqual(['size', 'colour=blue', 'colour=green', 'colour=red']);
    expect(prepared.taskReason).toBe('the target has two distinct labels');
  });

  it('splits every row into exactly one part, with x and y in step', () => {
    const rows = [...prepared.train.rows, ...prepared.validation.rows, ...prepared.test.rows].sort(
      (a, b) => a - b,
    );
    expect(rows).toEqual(Array.from({ length: 40 }, (_, i) => i));
    for (const part of [prepared.train, prepared.validation, prepared.test]) {
      expect(part.x.length).toBe(part.count * 4);
      expect([...part.y]).toEqual(Array.from(part.rows, (r) => (r % 4 === 0 ? 1 : 0)));
    }
    expect([prepared.train.count, prepared.validation.count, prepared.test.count]).toEqual([
      24, 8, 8,
    ]);
  });

  it('standardizes with training statistics: the training features have mean 0', () => {
    const sizes = Array.from(
      { length: prepared.train.count },
      (_, i) => prepared.train.x[i * 4] ?? NaN,
    );
    expect(sizes.reduce((a, b) => a + b, 0) / sizes.length).toBeCloseTo(0, 6);
  });

  it('fits preprocessing on the training rows only: changing validation and test rows changes no statistic', () => {
    const heldOut = new Set([...prepared.validation.rows, ...prepared.test.rows]);
    const changed = prepare(csvText((r) => heldOut.has(r)));
    expect(changed.preprocessing).toEqual(prepared.preprocessing);
    expect(changed.train).toEqual(prepared.train);
    expect(changed.validation.x).not.toEqual(prepared.validation.x);
  });

  it('uses the given fold of a k-fold split and keeps the test rows across folds', () => {
    const split: SplitConfig = { kind: 'stratifiedKfold', k: 4, test: 0.1, seed: 1 };
    const folds = [0, 1, 2, 3].map((fold) => prepare(csvText(), { split, fold }));
    const validationRows = folds.flatMap((f) => [...f.validation.rows]);
    expect(new Set(validationRows).size).toBe(validationRows.length);
    expect(validationRows.length + (folds[0]?.test.count ?? 0)).toBe(40);
    for (const f of folds) expect(f.test.rows).toEqual(folds[0]?.test.rows);
    expect(() => prepare(csvText(), { split, fold: 4 })).toThrow(
      'fold: must be a whole number from 0 to 3 for a stratifiedKfold split, received 4',
    );
  });

  it('orders a time split by its order column, which is not a feature', () => {
    const { table, typing } = typeColumns(parseCsv(csvText(), 'toy.csv'), {});
    const split: SplitConfig = {
      kind: 'time',
      train: 0.5,
      validation: 0.25,
      test: 0.25,
      orderColumn: 'time',
    };
    const timed = prepareTabular(table, {
      target: 'label',
      task: 'auto',
      missing: 'mean',
      preprocessing: { scale: 'none', oneHot: false },
      split,
      fold: 0,
      typing,
    });
    expect(timed.featureNames).toEqual(['size', 'colour']);
    // Time runs backwards in the file, so its last rows are the earliest.
    expect(Math.min(...timed.train.rows)).toBeGreaterThan(Math.max(...timed.validation.rows));
    expect(Math.min(...timed.validation.rows)).toBeGreaterThan(Math.max(...timed.test.rows));
  });

  it('takes the task from the spec when set, and says so', () => {
    const { table } = typeColumns(
      parseCsv('x,y\n1,0\n2,1\n3,2\n4,3\n5,4\n6,5\n7,6\n8,7\n9,8\n10,9', 'n.csv'),
      {},
    );
    const counted = prepareTabular(table, {
      target: 'y',
      task: { task: 'count', reason: 'set in the spec' },
      missing: 'error',
      preprocessing: { scale: 'minmax', oneHot: true },
      split: { ...holdout, stratify: false },
      fold: 0,
      typing: null,
    });
    expect(counted.facts).toEqual({ task: 'count', inputShape: [1], classCount: null });
    expect(counted.taskReason).toBe('set in the spec');
  });
});
