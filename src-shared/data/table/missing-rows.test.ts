import { describe, expect, it } from 'vitest';
import { parseCsv } from '../csv/parse-csv';
import { removeRowsWithMissing } from './missing-rows';
import { typeColumns } from './type-columns';

const { table } = typeColumns(
  parseCsv(
    ['x,colour,y', '1,red,0', ',blue,1', '3,,0', '4,red,', '5,blue,1'].join('\n'),
    'holes.csv',
  ),
  {},
);

describe('removeRowsWithMissing', () => {
  it('drop: removes every row with a missing cell, keeping file lines for messages', () => {
    const { table: kept, droppedRows } = removeRowsWithMissing(table, 'y', 'drop');
    expect(droppedRows).toBe(3);
    expect(kept.lineOfRow).toEqual([2, 6]);
    expect(kept.columns[0]?.values).toEqual(Float64Array.from([1, 5]));
  });

  it('mean, median, mode: keep rows with missing features for imputation, drop rows without a target', () => {
    for (const policy of ['mean', 'median', 'mode'] as const) {
      const { table: kept, droppedRows } = removeRowsWithMissing(table, 'y', policy);
      expect(droppedRows).toBe(1);
      expect(kept.lineOfRow).toEqual([2, 3, 4, 6]);
    }
  });

  it('error: names file, line and column of the first missing feature', () => {
    expect(() => removeRowsWithMissing(table, 'y', 'error')).toThrow(
      'holes.csv line 3, column "x": the value is missing and the missing-value policy is "error"',
    );
  });

  it('names the columns when the target is not one of them', () => {
    expect(() => removeRowsWithMissing(table, 'label', 'drop')).toThrow(
      'holes.csv: no column "label"; its columns are "x", "colour", "y"',
    );
  });
});
