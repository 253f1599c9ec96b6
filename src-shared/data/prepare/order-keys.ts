import type { Table, TableColumn } from '../table/table';
import { describeRow } from '../table/table';

/**
 * Sort keys for a time split: a numeric column as it is, a text column as dates (ISO 8601, e.g.
 * 2024-03-01 or 2024-03-01T12:00:00Z), in milliseconds.
 */
export function orderKeys(table: Table, column: TableColumn): Float64Array {
  return Float64Array.from({ length: table.rowCount }, (_, row) => {
    const value = column.values[row] ?? null;
    const key = typeof value === 'string' ? Date.parse(value) : (value ?? NaN);
    if (Number.isNaN(key)) {
      const found =
        value === null || Number.isNaN(value) ? 'a missing value' : JSON.stringify(value);
      throw new Error(
        `${describeRow(table, row)}, column "${column.name}": the time split orders rows by this column and needs a number or an ISO date, found ${found}`,
      );
    }
    return key;
  });
}
