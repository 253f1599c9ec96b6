import type { Table } from '../table/table';

/** A table of numeric columns as the generators produce it: no missing values, no file lines. */
export function generatedTable(name: string, columns: Record<string, Float64Array>): Table {
  const entries = Object.entries(columns);
  return {
    name,
    rowCount: entries[0]?.[1].length ?? 0,
    lineOfRow: null,
    columns: entries.map(([column, values]) => ({ name: column, type: 'numeric', values })),
  };
}
