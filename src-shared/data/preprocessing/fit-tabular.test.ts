import { describe, expect, it } from 'vitest';
import type { Table, TableColumn } from '../table/table';
import { applyTabular, applyTabularToRecords } from './apply-tabular';
import { fitTabular } from './fit-tabular';
import fixture from './fixtures/sklearn-preprocessing.json';

interface FixtureColumn {
  name: string;
  type: string;
  values: (number | string | null)[];
}

function tableFrom(columns: FixtureColumn[]): Table {
  const rowCount = columns[0]?.values.length ?? 0;
  return {
    name: 'fixture.csv',
    rowCount,
    lineOfRow: Array.from({ length: rowCount }, (_, r) => r + 2),
    columns: columns.map((c): TableColumn =>
      c.type === 'numeric'
        ? {
            name: c.name,
            type: 'numeric',
            values: Float64Array.from(c.values, (v) => (v === null ? NaN : Number(v))),
          }
        : {
            name: c.name,
            type: 'categorical',
            values: c.values.map((v) => (v === null ? null : String(v))),
          },
    ),
  };
}

const table = tableFrom(fixture.columns);
const featureColumns = fixture.columns.map((c) => c.name);
const allRows = Array.from({ length: table.rowCount }, (_, r) => r);

describe('fitTabular against scikit-learn (SimpleImputer → StandardScaler/MinMaxScaler, OneHotEncoder/OrdinalEncoder)', () => {
  for (const c of fixture.cases) {
    const label = `missing=${c.missing} scale=${c.scale} oneHot=${c.oneHot}`;
    it(label, () => {
      const options = {
        missing: c.missing as 'mean',
        scale: c.scale as 'standardize',
        oneHot: c.oneHot,
      };
      const stats = fitTabular(table, featureColumns, fixture.trainRows, options);
      stats.features.forEach((fitted, i) => {
        const expected = c.stats[i];
        expect(fitted.column).toBe(expected?.column);
        if (fitted.kind === 'numeric') {
          expect(fitted.fill).toBeCloseTo(Number(expected?.fill), 9);
          expect(fitted.center).toBeCloseTo(Number(expected?.center), 9);
          expect(fitted.scale).toBeCloseTo(Number(expected?.scale), 9);
        } else {
          expect(fitted.fill).toBe(expected?.fill);
          expect(fitted.categories).toEqual(expected?.categories);
        }
      });
      const x = applyTabular(stats, table, allRows);
      const width = stats.featureNames.length;
      expect(x.length).toBe(allRows.length * width);
      c.expected.forEach((row, r) => {
        expect(row.length).toBe(width);
        // Basin's features are float32, the reference float64: compare to float32 precision.
        row.forEach((value, j) => {
          expect(Math.abs((x[r * width + j] ?? NaN) - value)).toBeLessThanOrEqual(
            1e-6 * Math.max(1, Math.abs(value)),
          );
        });
      });
    });
  }
});

describe('preprocessing fitted on the training split only', () => {
  const options = { missing: 'median', scale: 'standardize', oneHot: true } as const;
  const train = fixture.trainRows;

  it('ignores every value outside the training rows', () => {
    const before = fitTabular(table, featureColumns, train, options);
    const changed = structuredClone(fixture.columns);
    for (const column of changed) {
      for (let r = train.length; r < column.values.length; r++) {
        column.values[r] = column.type === 'numeric' ? 1e6 + r : `unseen-${r}`;
      }
    }
    const after = fitTabular(tableFrom(changed), featureColumns, train, options);
    expect(after).toEqual(before);
  });

  it('names one-hot slots column=category after numeric columns in table order', () => {
    const stats = fitTabular(table, featureColumns, train, options);
    expect(stats.featureNames).toEqual([
      'width',
      'count',
      'constant',
      'colour=blue',
      'colour=green',
      'colour=red',
    ]);
  });

  it('survives a JSON round trip and predicts raw records like the table rows', () => {
    const stats = JSON.parse(JSON.stringify(fitTabular(table, featureColumns, train, options)));
    const row = 41;
    const record = Object.fromEntries(
      fixture.columns.map((c) => [c.name, c.values[row] === null ? '' : String(c.values[row])]),
    );
    expect(applyTabularToRecords(stats, [record])).toEqual(applyTabular(stats, table, [row]));
  });

  it('refuses a missing value when the policy did not impute, naming record and column', () => {
    const stats = fitTabular(table, ['count'], [0, 1, 2, 3], { ...options, missing: 'drop' });
    expect(() => applyTabularToRecords(stats, [{ count: 'NA' }])).toThrow(
      'record 1, column "count": the value is missing and the model was trained without imputation',
    );
    expect(() => applyTabularToRecords(stats, [{ count: 'lots' }])).toThrow(
      'record 1, column "count": expected a number, found "lots"',
    );
  });

  it('says which column has no training values to impute from', () => {
    const empty = tableFrom([{ name: 'gone', type: 'numeric', values: [null, null, 3] }]);
    expect(() => fitTabular(empty, ['gone'], [0, 1], options)).toThrow(
      'column "gone": every value in the training split is missing',
    );
  });
});
