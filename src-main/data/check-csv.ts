import { open } from 'node:fs/promises';
import { basename } from 'node:path';
import { constants, gunzipSync } from 'node:zlib';
import type { Problem } from '@shared/contract/zod-issues';
import {
  csvRecords,
  CsvError,
  fieldCountProblem,
  headerProblems,
  type CsvRecord,
} from '@shared/data/csv/parse-csv';
import { typeColumns } from '@shared/data/table/type-columns';
import type { DataSource } from '@shared/experiment';

/** How much of a CSV file is read before a launch: enough for its header and many rows. */
export const CSV_CHECK_BYTES = 256 * 1024;
/** Broken rows named one by one before the rest are counted. */
const LISTED_ROWS = 10;

type CsvSource = Extract<DataSource, { kind: 'csv' }>;

function problem(path: string, message: string, received: unknown): Problem {
  return { path, message, received, text: `${path}: ${message}` };
}

const readErrors: Record<string, string> = {
  ENOENT: 'there is no file at this path',
  EISDIR: 'this is a folder, not a CSV file',
  EACCES: 'Basin may not read this file (permission denied)',
  EPERM: 'Basin may not read this file (permission denied)',
};

/** The first `CSV_CHECK_BYTES` of the file (gunzipped if need be), and whether that is all of it. */
async function readStart(path: string): Promise<{ text: string; whole: boolean }> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.alloc(CSV_CHECK_BYTES + 1);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    let bytes = buffer.subarray(0, bytesRead);
    let whole = bytesRead <= CSV_CHECK_BYTES;
    if (bytes[0] === 0x1f && bytes[1] === 0x8b) {
      // A partial gzip stream inflates as far as it goes.
      const inflated = gunzipSync(bytes, { finishFlush: constants.Z_SYNC_FLUSH });
      whole = whole && inflated.length <= CSV_CHECK_BYTES;
      bytes = inflated.subarray(0, CSV_CHECK_BYTES + 1);
    }
    let text = new TextDecoder('utf-8').decode(bytes.subarray(0, CSV_CHECK_BYTES));
    // A cut file ends mid-row; only whole rows are judged.
    if (!whole) text = text.slice(0, text.lastIndexOf('\n') + 1);
    return { text, whole };
  } finally {
    await handle.close();
  }
}

function rowProblems(records: readonly CsvRecord[], header: readonly string[], file: string) {
  const broken = records.flatMap((record) => fieldCountProblem(record, header, file) ?? []);
  const more = broken.length - LISTED_ROWS;
  return more > 0
    ? [
        ...broken.slice(0, LISTED_ROWS),
        `${file}: ${more} more rows have the wrong number of fields`,
      ]
    : broken;
}

/**
 * Reads a CSV source's header and first chunk, as a launch needs them, and names every problem it
 * finds: a file that cannot be read, an empty file, a header with blank or repeated names, a target
 * or typed column the header lacks, rows with the wrong number of fields, fewer than two data rows,
 * a numeric column with typos. Problems past the first chunk surface when the run reads the file.
 */
export async function checkCsvSource(source: CsvSource): Promise<Problem[]> {
  const file = basename(source.path);
  let start: { text: string; whole: boolean };
  try {
    start = await readStart(source.path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    const why = readErrors[code] ?? `it cannot be read (${(error as Error).message})`;
    return [problem('data.source.path', why, source.path)];
  }
  let records: CsvRecord[];
  try {
    records = csvRecords(start.text, file, source.delimiter);
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    return [problem('data.source.path', error.message, source.path)];
  }
  const [headerRecord, ...rows] = records;
  if (headerRecord === undefined) {
    return [problem('data.source.path', `${file} is empty; expected a header row`, source.path)];
  }
  const header = headerRecord.fields;
  const problems = headerProblems(headerRecord, file).map((text) =>
    problem('data.source.path', text, source.path),
  );
  const columns = header.join(', ');
  if (!header.includes(source.target)) {
    problems.push(
      problem(
        'data.source.target',
        `${file} has no column "${source.target}" (its columns: ${columns})`,
        source.target,
      ),
    );
  }
  for (const name of Object.keys(source.columns)) {
    if (!header.includes(name))
      problems.push(
        problem(
          `data.source.columns.${name}`,
          `${file} has no column "${name}" (its columns: ${columns})`,
          name,
        ),
      );
  }
  for (const text of rowProblems(rows, header, file))
    problems.push(problem('data.source.path', text, source.path));
  if (start.whole && rows.length < 2) {
    problems.push(
      problem(
        'data.source.path',
        `${file} has ${rows.length === 1 ? '1 data row' : 'no data rows'}; training needs at least 2 (and splits need more)`,
        source.path,
      ),
    );
  }
  if (problems.length > 0) return problems;
  try {
    const lineOfRow = rows.map((row) => row.line);
    const csv = { fileName: file, header, rows: rows.map((row) => row.fields), lineOfRow };
    typeColumns(csv, source.columns);
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    problems.push(problem('data.source.path', error.message, source.path));
  }
  return problems;
}
