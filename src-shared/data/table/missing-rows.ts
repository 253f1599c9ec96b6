import type { MissingValuePolicy } from '../../experiment/data';
import { describeRow, findColumn, isMissing, selectRows } from './table';
import type { Table } from './table';

/**
 * Applies the row-level part of the missing-value policy before any split. A row without a target
 * is always dropped (a target is never imputed). A missing feature drops its row under "drop" and
 * stops the import under "error"; the imputing policies keep the row, and the imputation itself
 * is preprocessing, fitted on the training split.
 */
export function removeRowsWithMissing(
  table: Table,
  targetColumn: string,
  policy: MissingValuePolicy,
): { table: Table; droppedRows: number } {
  const target = findColumn(table, targetColumn);
  const features = table.columns.filter((column) => column !== target);
  const kept: number[] = [];
  for (let row = 0; row < table.rowCount; row++) {
    if (isMissing(target, row)) continue;
    const missingFeature = features.find((column) => isMissing(column, row));
    if (missingFeature === undefined) {
      kept.push(row);
    } else if (policy === 'error') {
      throw new Error(
        `${describeRow(table, row)}, column "${missingFeature.name}": the value is missing and the missing-value policy is "error" (choose drop, mean, median or mode to go on)`,
      );
    } else if (policy !== 'drop') {
      kept.push(row);
    }
  }
  if (kept.length === 0) {
    throw new Error(
      `${table.name}: no rows left after dropping rows with missing values (policy "${policy}")`,
    );
  }
  const droppedRows = table.rowCount - kept.length;
  return { table: droppedRows === 0 ? table : selectRows(table, kept), droppedRows };
}
