import type { MissingValuePolicy, Preprocessing } from '../../experiment/data';
import type { Task } from '../../experiment/datasets';
import type { SplitConfig } from '../../experiment/split';
import { applyTabular } from '../preprocessing/apply-tabular';
import { fitTabular } from '../preprocessing/fit-tabular';
import type { TabularPreprocessing } from '../preprocessing/stats';
import { encodeTarget } from '../target/encode-target';
import { inferTask } from '../target/infer-task';
import { removeRowsWithMissing } from '../table/missing-rows';
import { findColumn } from '../table/table';
import type { Table } from '../table/table';
import type { ColumnTyping } from '../table/type-columns';
import { orderKeys } from './order-keys';
import type { PreparedDataset, SplitPart } from './prepared';
import { splitRows } from './split-rows';

export interface TabularRecipe {
  target: string;
  /** A task set in the spec or known for a built-in dataset, with why; "auto" reads it off the target. */
  task: { task: Task; reason: string } | 'auto';
  missing: MissingValuePolicy;
  preprocessing: Preprocessing;
  split: SplitConfig;
  fold: number;
  /** How the CSV columns were typed, passed through to the report; null for generated data. */
  typing: ColumnTyping[] | null;
}

/**
 * A typed table → split, preprocessed parts. Rows with missing values are handled first, then the
 * rows are split, and only then is preprocessing fitted, on the training rows alone. A time
 * split's order column orders the rows and is not a feature.
 */
export function prepareTabular(table: Table, recipe: TabularRecipe): PreparedDataset {
  const { table: complete, droppedRows } = removeRowsWithMissing(
    table,
    recipe.target,
    recipe.missing,
  );
  const targetColumn = findColumn(complete, recipe.target);
  const { task, reason } = recipe.task === 'auto' ? inferTask(targetColumn) : recipe.task;
  const { encoding, y } = encodeTarget(complete, targetColumn, task);
  const orderColumnName = recipe.split.kind === 'time' ? recipe.split.orderColumn : null;
  const orderColumn =
    orderColumnName === null ? null : findOrderColumn(complete, orderColumnName, recipe.typing);
  const featureColumns = complete.columns
    .filter((c) => c !== targetColumn && c !== orderColumn)
    .map((c) => c.name);
  if (featureColumns.length === 0)
    throw new Error(`${table.name}: no feature columns besides the target "${recipe.target}"`);

  const classified = encoding.classes !== null;
  const rows = splitRows(recipe.split, {
    count: complete.rowCount,
    fold: recipe.fold,
    classes: classified ? y : null,
    orderBy: orderColumn === null ? null : orderKeys(complete, orderColumn),
    testIsFixed: false,
  });
  const input = fitTabular(complete, featureColumns, rows.train, {
    ...recipe.preprocessing,
    missing: recipe.missing,
  });
  const part = (partRows: number[]): SplitPart => tabularPart(input, complete, y, partRows);
  return {
    name: table.name,
    facts: {
      task,
      inputShape: [input.featureNames.length],
      classCount: encoding.classes?.length ?? null,
    },
    taskReason: reason,
    featureNames: input.featureNames,
    preprocessing: { input, target: encoding },
    train: part(rows.train),
    validation: part(rows.validation),
    test: part(rows.test),
    report: { rowsRead: table.rowCount, droppedRows, columns: recipe.typing },
  };
}

function findOrderColumn(
  table: Table,
  name: string,
  typing: ColumnTyping[] | null,
): Table['columns'][number] {
  if (typing?.find((t) => t.name === name)?.type === 'ignored') {
    throw new Error(
      `${table.name}: split.orderColumn "${name}" is an ignored column; the time split needs to read it`,
    );
  }
  return findColumn(table, name);
}

function tabularPart(
  input: TabularPreprocessing,
  table: Table,
  y: Float64Array,
  rows: number[],
): SplitPart {
  return {
    count: rows.length,
    x: applyTabular(input, table, rows),
    y: Float32Array.from(rows, (r) => y[r] ?? NaN),
    rows: Int32Array.from(rows),
  };
}
