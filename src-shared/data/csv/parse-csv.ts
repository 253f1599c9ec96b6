/**
 * RFC 4180 CSV text → header and string cells. Quoted fields may hold delimiters, doubled quotes and
 * line breaks; CRLF, LF and lone CR all end a record; a leading byte-order mark is dropped; lines
 * holding only whitespace are skipped. Unquoted cells are trimmed, quoted ones kept verbatim.
 */

export interface CsvText {
  fileName: string;
  header: string[];
  rows: string[][];
  /** The 1-based line of the file where each data row starts (the header is line 1 when it opens the file). */
  lineOfRow: number[];
}

export class CsvError extends Error {
  override name = 'CsvError';
}

export interface CsvRecord {
  line: number;
  fields: string[];
}

export function parseCsv(text: string, fileName: string, delimiter = ','): CsvText {
  const records = csvRecords(text, fileName, delimiter);
  const first = records[0];
  if (first === undefined)
    throw new CsvError(`${fileName}: the file is empty; expected a header row`);
  const [headerProblem] = headerProblems(first, fileName);
  if (headerProblem !== undefined) throw new CsvError(headerProblem);
  const header = first.fields;
  const rows: string[][] = [];
  const lineOfRow: number[] = [];
  for (const record of records.slice(1)) {
    const problem = fieldCountProblem(record, header, fileName);
    if (problem !== null) throw new CsvError(problem);
    rows.push(record.fields);
    lineOfRow.push(record.line);
  }
  return { fileName, header, rows, lineOfRow };
}

/** The records of CSV text (header included), each with the line it starts on. */
export function csvRecords(text: string, fileName: string, delimiter: string): CsvRecord[] {
  if (delimiter.length !== 1 || delimiter === '"' || delimiter === '\r' || delimiter === '\n') {
    throw new CsvError(
      `${fileName}: the delimiter must be one character other than a quote or a line break, got ${JSON.stringify(delimiter)}`,
    );
  }
  return splitRecords(text.startsWith('\uFEFF') ? text.slice(1) : text, fileName, delimiter);
}

/** Every problem of a header record: columns without a name, names given twice. */
export function headerProblems(record: CsvRecord, fileName: string): string[] {
  const seen = new Set<string>();
  const problems: string[] = [];
  record.fields.forEach((name, index) => {
    if (name === '')
      problems.push(`${fileName} line ${record.line}: header column ${index + 1} has no name`);
    else if (seen.has(name))
      problems.push(`${fileName} line ${record.line}: header names column "${name}" twice`);
    seen.add(name);
  });
  return problems;
}

/** Why a data record does not fit the header, or null when it does. */
export function fieldCountProblem(
  record: CsvRecord,
  header: readonly string[],
  fileName: string,
): string | null {
  return record.fields.length === header.length
    ? null
    : `${fileName} line ${record.line}: expected ${header.length} fields as in the header, found ${record.fields.length}`;
}

function splitRecords(text: string, fileName: string, delimiter: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let line = 1;
  let recordLine = 1;
  let i = 0;
  let atFieldStart = true;

  const endRecord = (): void => {
    const blank = fields.length === 1 && fields[0] === '';
    if (!blank) records.push({ line: recordLine, fields });
    fields = [];
  };

  while (i <= text.length) {
    if (atFieldStart) {
      const quoted = readQuotedField(text, i, line, fileName, delimiter);
      if (quoted !== null) {
        fields.push(quoted.value);
        line = quoted.line;
        i = quoted.end;
      } else {
        let end = i;
        while (end < text.length && !endsField(text, end, delimiter)) end++;
        fields.push(text.slice(i, end).trim());
        i = end;
      }
      atFieldStart = false;
      continue;
    }
    const ch = text[i];
    if (ch === delimiter) {
      atFieldStart = true;
      i++;
    } else if (ch === '\r' || ch === '\n') {
      endRecord();
      i += ch === '\r' && text[i + 1] === '\n' ? 2 : 1;
      line++;
      recordLine = line;
      atFieldStart = true;
      if (i === text.length) break;
    } else {
      // Only the end of the text gets here: fields stop at a delimiter or a line break.
      endRecord();
      break;
    }
  }
  return records;
}

function endsField(text: string, index: number, delimiter: string): boolean {
  const ch = text[index];
  return ch === delimiter || ch === '\r' || ch === '\n';
}

/** Reads a quoted field whose opening quote may follow spaces; null when the field is not quoted. */
function readQuotedField(
  text: string,
  start: number,
  startLine: number,
  fileName: string,
  delimiter: string,
): { value: string; end: number; line: number } | null {
  let i = start;
  while (text[i] === ' ') i++;
  if (text[i] !== '"') return null;
  let value = '';
  let line = startLine;
  i++;
  for (;;) {
    const ch = text[i];
    if (ch === undefined) {
      throw new CsvError(
        `${fileName} line ${startLine}: a quoted field is never closed (missing closing ")`,
      );
    }
    if (ch === '"') {
      if (text[i + 1] === '"') {
        value += '"';
        i += 2;
        continue;
      }
      i++;
      break;
    }
    if (ch === '\r' || ch === '\n') {
      const crlf = ch === '\r' && text[i + 1] === '\n';
      value += crlf ? '\r\n' : ch;
      i += crlf ? 2 : 1;
      line++;
      continue;
    }
    value += ch;
    i++;
  }
  while (text[i] === ' ') i++;
  if (i < text.length && !endsField(text, i, delimiter)) {
    throw new CsvError(
      `${fileName} line ${line}: unexpected ${JSON.stringify(text[i])} after the closing quote of a field; a quote inside a quoted field is written ""`,
    );
  }
  return { value, end: i, line };
}
