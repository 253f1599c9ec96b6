import { basename } from 'node:path';
import type { ColumnType } from '@shared/experiment/data';
import { parseCsv } from '@shared/data/csv/parse-csv';
import { typeColumns } from '@shared/data/table/type-columns';
import type { ColumnTyping } from '@shared/data/table/type-columns';
import type { Table } from '@shared/data/table/table';
import { readMaybeGzipped } from './read-bytes';

/** Reads a CSV file (gzipped or not, UTF-8) into a typed table; messages name the file by its base name. */
export async function readCsvTable(
  path: string,
  options: { delimiter: string; columns: Readonly<Record<string, ColumnType>> },
): Promise<{ table: Table; typing: ColumnTyping[] }> {
  const text = new TextDecoder('utf-8').decode(await readMaybeGzipped(path));
  return typeColumns(parseCsv(text, basename(path), options.delimiter), options.columns);
}
