import { describe, expect, it } from 'vitest';
import { dataSchema } from '@shared/experiment/data';
import { splitSchema } from '@shared/experiment/split';
import { knownRows, previewSplit, type KnownRows } from './split-preview';

const iris: KnownRows = { rows: 150, rowsPerClass: [50, 50, 50], fixedTestRows: null };

function sizes(preview: ReturnType<typeof previewSplit>): Record<string, number> {
  if (!preview.ok) throw new Error(preview.reason);
  return Object.fromEntries(preview.summary.parts.map((part) => [part.name, part.size]));
}

describe('knownRows', () => {
  it('knows recorded built-ins from the catalog and generated ones from their samples', () => {
    const builtin = (dataset: string, generator?: object) =>
      knownRows(
        dataSchema.parse({
          source: { kind: 'builtin', dataset, ...(generator ? { generator } : {}) },
        }),
      );
    expect(builtin('iris')).toEqual(iris);
    expect(builtin('spirals', { samples: 300 })).toEqual({
      rows: 300,
      rowsPerClass: null,
      fixedTestRows: null,
    });
    expect(
      knownRows(dataSchema.parse({ source: { kind: 'csv', path: 'a.csv', target: 'y' } })),
    ).toBeNull();
  });
});

describe('previewSplit', () => {
  it('balances each part of a stratified holdout exactly', () => {
    const preview = previewSplit(splitSchema.parse({ kind: 'holdout' }), iris);
    expect(sizes(preview)).toEqual({ train: 120, validation: 15, test: 15 });
    expect(preview.ok && preview.balanced).toBe(true);
    expect(preview.ok && preview.summary.parts.map((part) => part.classCounts)).toEqual([
      [40, 40, 40],
      [5, 5, 5],
      [5, 5, 5],
    ]);
    expect(preview.ok && preview.trainRows).toBe(120);
  });

  it('gives sizes only when the split does not stratify, since the balance depends on the rows', () => {
    const preview = previewSplit(splitSchema.parse({ kind: 'holdout', stratify: false }), iris);
    expect(preview.ok && preview.balanced).toBe(false);
    expect(preview.ok && preview.summary.parts.every((part) => part.classCounts === null)).toBe(
      true,
    );
  });

  it('lists the validation rows of every fold and the held-out test rows', () => {
    const preview = previewSplit(splitSchema.parse({ kind: 'kfold', k: 3, test: 0.2 }), iris);
    expect(sizes(preview)).toEqual({ 'fold 1': 40, 'fold 2': 40, 'fold 3': 40, test: 30 });
    expect(preview.ok && preview.trainRows).toBe(80);
  });

  it('counts a test set from its own file beside the rows the split divides', () => {
    const preview = previewSplit(
      splitSchema.parse({ kind: 'holdout', train: 0.8, validation: 0.2, test: 0 }),
      {
        rows: 600,
        rowsPerClass: null,
        fixedTestRows: 100,
      },
    );
    expect(sizes(preview)).toEqual({ train: 480, validation: 120, test: 100 });
    expect(preview.ok && preview.summary.parts.map((part) => part.share)).toEqual([
      480 / 700,
      120 / 700,
      100 / 700,
    ]);
  });

  it('says why a split cannot be cut', () => {
    const preview = previewSplit(splitSchema.parse({ kind: 'kfold', k: 200 }), iris);
    expect(preview).toEqual({
      ok: false,
      reason: expect.stringMatching(/^k: cannot make 200 folds/),
    });
  });
});
