import type { Task } from '../../experiment/datasets';
import type { TableColumn } from '../table/table';

/** At most this many distinct non-negative integers read as class labels rather than counts. */
const MAX_INTEGER_CLASSES = 10;

/** Reads the task off the target values (missing values already removed). */
export function inferTask(target: TableColumn): { task: Task; reason: string } {
  const distinct = new Set<string | number | null>(target.values);
  if (distinct.size < 2) {
    throw new Error(
      `target column "${target.name}" has ${distinct.size} distinct value(s); nothing to learn`,
    );
  }
  if (target.type === 'categorical') {
    return distinct.size === 2
      ? { task: 'binary', reason: 'the target has two distinct labels' }
      : { task: 'multiclass', reason: `the target has ${distinct.size} distinct labels` };
  }
  if (distinct.size === 2) return { task: 'binary', reason: 'the target has two distinct values' };
  const counts = [...target.values].every((v) => Number.isInteger(v) && v >= 0);
  if (!counts) return { task: 'regression', reason: 'the target holds real numbers' };
  if (distinct.size <= MAX_INTEGER_CLASSES) {
    return {
      task: 'multiclass',
      reason: `the target holds ${distinct.size} distinct non-negative integers, read as classes (set the task to "count" if they are counts)`,
    };
  }
  return {
    task: 'count',
    reason: `the target holds non-negative integers with ${distinct.size} distinct values`,
  };
}
