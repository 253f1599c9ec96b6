/** A typed, column-major table: what CSV import and the generators produce and preprocessing consumes. */

export type TableColumn =
  | { name: string; type: 'numeric'; /** NaN marks a missing value. */ values: Float64Array }
  | {
      name: string;
      type: 'categorical';
      /** null marks a missing value. */ values: (string | null)[];
    };

export interface Table {
  /** The file name or dataset id, used in messages. */
  name: string;
  rowCount: number;
  columns: TableColumn[];
  /** The file line where each row starts; null for generated data, whose rows are counted from 1. */
  lineOfRow: number[] | null;
}

export function describeRow(table: Table, row: number): string {
  const line = table.lineOfRow?.[row];
  return line === undefined ? `${table.name} row ${row + 1}` : `${table.name} line ${line}`;
}

export function findColumn(table: Table, name: string): TableColumn {
  const column = table.columns.find((c) => c.name === name);
  if (column === undefined) {
    const known = table.columns.map((c) => `"${c.name}"`).join(', ');
    throw new Error(`${table.name}: no column "${name}"; its columns are ${known}`);
  }
  return column;
}

export function isMissing(column: TableColumn, row: number): boolean {
  return column.type === 'numeric' ? Number.isNaN(column.values[row]) : column.values[row] === null;
}

/** The table restricted to the given rows, in that order. */
export function selectRows(table: Table, rows: readonly number[]): Table {
  return {
    name: table.name,
    rowCount: rows.length,
    lineOfRow: table.lineOfRow === null ? null : rows.map((r) => table.lineOfRow?.[r] ?? 0),
    columns: table.columns.map((column): TableColumn => {
      if (column.type === 'numeric') {
        return {
          name: column.name,
          type: 'numeric',
          values: Float64Array.from(rows, (r) => column.values[r] ?? NaN),
        };
      }
      return {
        name: column.name,
        type: 'categorical',
        values: rows.map((r) => column.values[r] ?? null),
      };
    }),
  };
}
