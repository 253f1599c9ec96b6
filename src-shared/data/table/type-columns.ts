import type { ColumnType } from '../../experiment/data';
import type { CsvText } from '../csv/parse-csv';
import { CsvError } from '../csv/parse-csv';
import { isMissingCell, parseNumberCell } from './cells';
import type { Table, TableColumn } from './table';

export interface ColumnTyping {
  name: string;
  type: ColumnType;
  /** Whether the type came from the spec or was read off the values, and why. */
  source: 'override' | 'inferred';
  reason: string;
}

/**
 * Share of numeric values above which a column with a few non-numbers is taken to be a numeric
 * column with typos, not a categorical one: importing it silently as hundreds of categories would
 * hide the mistake, so the import stops and names the first bad cell.
 */
const NUMERIC_WITH_TYPOS = 0.9;

/** Types every column (overrides first, then inference) and converts the cells; ignored columns are left out. */
export function typeColumns(
  csv: CsvText,
  overrides: Readonly<Record<string, ColumnType>>,
): { table: Table; typing: ColumnTyping[] } {
  for (const name of Object.keys(overrides)) {
    if (!csv.header.includes(name)) {
      throw new CsvError(
        `${csv.fileName}: a column type is set for "${name}", but the header has no such column`,
      );
    }
  }
  const typing = csv.header.map((name, index): ColumnTyping => {
    const override = overrides[name];
    if (override !== undefined)
      return { name, type: override, source: 'override', reason: 'set in the spec' };
    return { name, source: 'inferred', ...inferType(csv, index) };
  });
  const columns: TableColumn[] = [];
  typing.forEach((t, index) => {
    if (t.type === 'numeric')
      columns.push({ name: t.name, type: 'numeric', values: numericValues(csv, index) });
    if (t.type === 'categorical')
      columns.push({ name: t.name, type: 'categorical', values: categoricalValues(csv, index) });
  });
  return {
    table: { name: csv.fileName, rowCount: csv.rows.length, columns, lineOfRow: csv.lineOfRow },
    typing,
  };
}

function inferType(csv: CsvText, index: number): { type: ColumnType; reason: string } {
  let present = 0;
  let numbers = 0;
  let firstNonNumber = -1;
  csv.rows.forEach((row, r) => {
    const cell = row[index] ?? '';
    if (isMissingCell(cell)) return;
    present++;
    if (parseNumberCell(cell) !== null) numbers++;
    else if (firstNonNumber < 0) firstNonNumber = r;
  });
  if (present === 0) return { type: 'ignored', reason: 'every value is missing' };
  if (numbers === present) return { type: 'numeric', reason: 'every value is a number' };
  if (numbers >= NUMERIC_WITH_TYPOS * present) {
    const hint = `; ${numbers} of ${present} values in this column are numbers: fix the value, or set the column type to categorical`;
    throw notANumber(csv, firstNonNumber, index, hint);
  }
  return {
    type: 'categorical',
    reason: `${present - numbers} of ${present} values are not numbers`,
  };
}

function notANumber(csv: CsvText, row: number, index: number, hint: string): CsvError {
  const cell = csv.rows[row]?.[index] ?? '';
  return new CsvError(
    `${csv.fileName} line ${csv.lineOfRow[row]}, column "${csv.header[index]}": expected a number, found ${JSON.stringify(cell)}${hint}`,
  );
}

function numericValues(csv: CsvText, index: number): Float64Array {
  return Float64Array.from(csv.rows, (row, r) => {
    const cell = row[index] ?? '';
    if (isMissingCell(cell)) return NaN;
    const value = parseNumberCell(cell);
    if (value === null) throw notANumber(csv, r, index, '');
    return value;
  });
}

function categoricalValues(csv: CsvText, index: number): (string | null)[] {
  return csv.rows.map((row) => {
    const cell = row[index] ?? '';
    return isMissingCell(cell) ? null : cell;
  });
}
