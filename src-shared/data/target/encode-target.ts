import type { Table, TableColumn } from '../table/table';
import { describeRow } from '../table/table';
import type { Task } from '../../experiment/datasets';

export interface TargetEncoding {
  column: string;
  task: Task;
  /** Class labels in index order for binary and multiclass (index 1 is the positive class of a binary task); null otherwise. */
  classes: string[] | null;
}

/** y per row: the class index for classification, the value for regression and count tasks. */
export function encodeTarget(
  table: Table,
  target: TableColumn,
  task: Task,
): { encoding: TargetEncoding; y: Float64Array } {
  if (task === 'regression' || task === 'count') {
    if (target.type !== 'numeric') {
      throw new Error(
        `target column "${target.name}" is categorical, but a ${task} task needs numbers`,
      );
    }
    if (task === 'count') {
      const bad = target.values.findIndex((v) => !(Number.isInteger(v) && v >= 0));
      if (bad >= 0) {
        throw new Error(
          `${describeRow(table, bad)}, column "${target.name}": a count task needs non-negative whole numbers, found ${target.values[bad]}`,
        );
      }
    }
    return {
      encoding: { column: target.name, task, classes: null },
      y: Float64Array.from(target.values),
    };
  }
  const classes = classLabels(target);
  if (task === 'binary' && classes.length !== 2) {
    throw new Error(
      `target column "${target.name}" has ${classes.length} classes (${preview(classes)}), but a binary task needs exactly 2`,
    );
  }
  if (classes.length < 2)
    throw new Error(`target column "${target.name}" has a single class; nothing to learn`);
  const index = new Map(classes.map((label, i) => [label, i]));
  const labels: Iterable<string | number | null> = target.values;
  const y = Float64Array.from(labels, (v) => index.get(String(v)) ?? -1);
  return { encoding: { column: target.name, task, classes }, y };
}

/** Sorted distinct labels: numerically for a numeric target, by code unit for text. */
function classLabels(target: TableColumn): string[] {
  if (target.type === 'numeric')
    return [...new Set(target.values)].sort((a, b) => a - b).map(String);
  return [...new Set(target.values.filter((v): v is string => v !== null))].sort();
}

function preview(labels: string[]): string {
  const shown = labels.slice(0, 5).map((l) => JSON.stringify(l));
  return labels.length > 5 ? `${shown.join(', ')}, …` : shown.join(', ');
}
