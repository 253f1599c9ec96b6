import { describe, expect, it } from 'vitest';
import type { Table, TableColumn } from '../table/table';
import { encodeTarget } from './encode-target';
import { inferTask } from './infer-task';

const numeric = (values: number[]): TableColumn => ({
  name: 'y',
  type: 'numeric',
  values: Float64Array.from(values),
});
const categorical = (values: string[]): TableColumn => ({ name: 'y', type: 'categorical', values });
const tableOf = (column: TableColumn): Table => ({
  name: 'target.csv',
  rowCount: column.values.length,
  columns: [column],
  lineOfRow: Array.from({ length: column.values.length }, (_, r) => r + 2),
});

describe('inferTask', () => {
  it('reads labels: two are binary, more are multiclass', () => {
    expect(inferTask(categorical(['no', 'yes', 'no'])).task).toBe('binary');
    expect(inferTask(categorical(['a', 'b', 'c'])).task).toBe('multiclass');
  });

  it('reads numbers: two values binary, few small integers classes, many counts, reals regression', () => {
    expect(inferTask(numeric([0, 1, 1, 0])).task).toBe('binary');
    expect(inferTask(numeric([0, 1, 2, 2, 1])).task).toBe('multiclass');
    expect(inferTask(numeric(Array.from({ length: 30 }, (_, i) => i % 15))).task).toBe('count');
    expect(inferTask(numeric([0.5, 1, 2])).task).toBe('regression');
    expect(inferTask(numeric([-1, 0, 1])).task).toBe('regression');
  });

  it('explains a guess the user may want to override', () => {
    expect(inferTask(numeric([0, 1, 2])).reason).toContain(
      'set the task to "count" if they are counts',
    );
  });

  it('refuses a constant target', () => {
    expect(() => inferTask(categorical(['a', 'a']))).toThrow(
      'target column "y" has 1 distinct value(s); nothing to learn',
    );
  });
});

describe('encodeTarget', () => {
  it("indexes sorted labels; a binary task's positive class is index 1", () => {
    const column = categorical(['malignant', 'benign', 'benign']);
    const { encoding, y } = encodeTarget(tableOf(column), column, 'binary');
    expect(encoding.classes).toEqual(['benign', 'malignant']);
    expect([...y]).toEqual([1, 0, 0]);
  });

  it('sorts numeric labels by value, not as text', () => {
    const column = numeric([10, 2, 1, 2]);
    const { encoding, y } = encodeTarget(tableOf(column), column, 'multiclass');
    expect(encoding.classes).toEqual(['1', '2', '10']);
    expect([...y]).toEqual([2, 1, 0, 1]);
  });

  it('keeps values for regression and counts', () => {
    const column = numeric([0, 3, 7]);
    expect([...encodeTarget(tableOf(column), column, 'count').y]).toEqual([0, 3, 7]);
    expect(encodeTarget(tableOf(column), column, 'regression').encoding.classes).toBeNull();
  });

  it('names the row of a value a count task cannot take', () => {
    const column = numeric([0, 3, 2.5]);
    expect(() => encodeTarget(tableOf(column), column, 'count')).toThrow(
      'target.csv line 4, column "y": a count task needs non-negative whole numbers, found 2.5',
    );
  });

  it('refuses a binary task with three classes and a regression on labels', () => {
    const labels = categorical(['a', 'b', 'c']);
    expect(() => encodeTarget(tableOf(labels), labels, 'binary')).toThrow(
      'target column "y" has 3 classes ("a", "b", "c"), but a binary task needs exactly 2',
    );
    expect(() => encodeTarget(tableOf(labels), labels, 'regression')).toThrow(
      'a regression task needs numbers',
    );
  });
});
