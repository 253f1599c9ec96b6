import { describe, expect, it } from 'vitest';
import { parseCsv } from './parse-csv';

describe('parseCsv', () => {
  it('reads a header and rows, trimming unquoted cells', () => {
    const csv = parseCsv('a,b\n 1 , x\n2,y\n', 'plain.csv');
    expect(csv.header).toEqual(['a', 'b']);
    expect(csv.rows).toEqual([
      ['1', 'x'],
      ['2', 'y'],
    ]);
    expect(csv.lineOfRow).toEqual([2, 3]);
  });

  it('keeps commas, doubled quotes and line breaks inside quoted fields verbatim', () => {
    const csv = parseCsv(
      'name,note\n"Smith, J.","said ""hi"""\n" padded ","two\nlines"\nlast,row',
      'quoted.csv',
    );
    expect(csv.rows).toEqual([
      ['Smith, J.', 'said "hi"'],
      [' padded ', 'two\nlines'],
      ['last', 'row'],
    ]);
    // The quoted line break moves the next row to line 5.
    expect(csv.lineOfRow).toEqual([2, 3, 5]);
  });

  it('accepts CRLF and lone CR line ends, also inside quotes', () => {
    const csv = parseCsv('a,b\r\n1,"x\r\ny"\r\n2,z\r3,w', 'windows.csv');
    expect(csv.rows).toEqual([
      ['1', 'x\r\ny'],
      ['2', 'z'],
      ['3', 'w'],
    ]);
    expect(csv.lineOfRow).toEqual([2, 4, 5]);
  });

  it('drops a byte-order mark so the first header name is clean', () => {
    expect(parseCsv('\uFEFFid,value\n1,2', 'bom.csv').header).toEqual(['id', 'value']);
  });

  it('skips blank and whitespace-only lines but counts them in line numbers', () => {
    const csv = parseCsv('\na,b\n\n1,2\n   \n3,4\n\n', 'gaps.csv');
    expect(csv.rows).toEqual([
      ['1', '2'],
      ['3', '4'],
    ]);
    expect(csv.lineOfRow).toEqual([4, 6]);
  });

  it('keeps empty cells as empty strings', () => {
    expect(parseCsv('a,b,c\n,,\n1,"",3', 'empty.csv').rows).toEqual([
      ['', '', ''],
      ['1', '', '3'],
    ]);
  });

  it('splits on another delimiter when asked', () => {
    expect(parseCsv('a;b\n"1;5";2\n', 'semi.csv', ';').rows).toEqual([['1;5', '2']]);
    expect(parseCsv('a\tb\n\t2\n', 'tabs.tsv', '\t').rows).toEqual([['', '2']]);
  });

  it('names file and line when a row has the wrong number of fields', () => {
    expect(() => parseCsv('a,b,c\n1,2,3\n4,5\n', 'short.csv')).toThrow(
      'short.csv line 3: expected 3 fields as in the header, found 2',
    );
  });

  it('names the line where an unclosed quote opened', () => {
    expect(() => parseCsv('a,b\n1,2\n3,"open\n4,5\n', 'open.csv')).toThrow(
      'open.csv line 3: a quoted field is never closed',
    );
  });

  it('rejects text after a closing quote', () => {
    expect(() => parseCsv('a,b\n"x"y,2\n', 'stray.csv')).toThrow(
      'stray.csv line 2: unexpected "y" after the closing quote',
    );
  });

  it('rejects an empty file, nameless and duplicate header columns', () => {
    expect(() => parseCsv('', 'none.csv')).toThrow('none.csv: the file is empty');
    expect(() => parseCsv('a,,c\n', 'nameless.csv')).toThrow(
      'nameless.csv line 1: header column 2 has no name',
    );
    expect(() => parseCsv('a,b,a\n', 'twice.csv')).toThrow(
      'twice.csv line 1: header names column "a" twice',
    );
  });
});
