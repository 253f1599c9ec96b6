import { specProblem, type SpecProblem } from '../problems';
import type { CheckContext } from './context';

const TOLERANCE = 1e-9;

/** The data source, the task and the split must fit together. */
export function dataChecks(context: CheckContext): SpecProblem[] {
  const { data, split } = context.sections;
  const problems: SpecProblem[] = [];
  const task = context.facts?.task ?? null;
  const classCount = context.facts?.classCount ?? null;

  if (data?.source.kind === 'csv' && data.source.columns[data.source.target] === 'ignored') {
    problems.push(
      specProblem(
        'error',
        ['data', 'source', 'columns', data.source.target],
        `cannot be "ignored": it is the target column (data.source.target)`,
        'ignored',
      ),
    );
  }
  if (data?.task === 'binary' && classCount !== null && classCount !== 2) {
    problems.push(
      specProblem(
        'error',
        ['data', 'task'],
        `is binary, but the target has ${classCount} classes: use "multiclass" or "auto"`,
        'binary',
      ),
    );
  }
  if (split === undefined) return problems;

  if (split.kind === 'holdout' || split.kind === 'time') {
    const total = split.train + split.validation + split.test;
    if (Math.abs(total - 1) > TOLERANCE) {
      problems.push(
        specProblem(
          'error',
          ['split'],
          `train + validation + test must add up to 1, but they add up to ${Number(total.toFixed(12))}`,
          {
            train: split.train,
            validation: split.validation,
            test: split.test,
          },
        ),
      );
    }
    if (split.train === 0) {
      problems.push(
        specProblem(
          'error',
          ['split', 'train'],
          'must be > 0: nothing would be left to train on',
          0,
        ),
      );
    }
    if (split.validation === 0) {
      problems.push(
        specProblem(
          'error',
          ['split', 'validation'],
          'must be > 0: early stopping and choosing the model use the validation split (the test split never does)',
          0,
        ),
      );
    }
  } else if (split.test >= 1) {
    problems.push(
      specProblem(
        'error',
        ['split', 'test'],
        'must be < 1: the folds need data to train and validate on',
        split.test,
      ),
    );
  }

  if (split.kind === 'stratifiedKfold' && (task === 'regression' || task === 'count')) {
    problems.push(
      specProblem(
        'error',
        ['split', 'kind'],
        `stratifies by class, but the task is ${task}: use "kfold"`,
        split.kind,
      ),
    );
  }
  if (
    split.kind === 'time' &&
    split.orderColumn !== null &&
    data !== undefined &&
    data.source.kind !== 'csv'
  ) {
    problems.push(
      specProblem(
        'error',
        ['split', 'orderColumn'],
        'names a CSV column, but the data is not a CSV file: use null to keep the row order',
        split.orderColumn,
      ),
    );
  }
  if (data?.source.kind === 'idx' && data.source.test !== null && split.test > 0) {
    problems.push(
      specProblem(
        'error',
        ['split', 'test'],
        'must be 0: the test set comes from data.source.test, so the split only carves validation out of the training files',
        split.test,
      ),
    );
  }
  return problems;
}
