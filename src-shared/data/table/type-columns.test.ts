import { describe, expect, it } from 'vitest';
import { parseCsv } from '../csv/parse-csv';
import { typeColumns } from './type-columns';

const csv = parseCsv(
  [
    'id,size,colour,empty,code',
    '1,2.5,red,,007',
    '2,NA,blue,?,12',
    '3,-1e3,red,,4',
    '4,.5,,NaN,9',
  ].join('\n'),
  'shapes.csv',
);

describe('typeColumns', () => {
  it('infers numeric, categorical and all-missing columns, reading missing tokens as missing', () => {
    const { table, typing } = typeColumns(csv, {});
    expect(typing.map((t) => [t.name, t.type, t.source])).toEqual([
      ['id', 'numeric', 'inferred'],
      ['size', 'numeric', 'inferred'],
      ['colour', 'categorical', 'inferred'],
      ['empty', 'ignored', 'inferred'],
      ['code', 'numeric', 'inferred'],
    ]);
    expect(table.columns.map((c) => c.name)).toEqual(['id', 'size', 'colour', 'code']);
    const size = table.columns[1];
    expect(size?.type === 'numeric' && [...size.values]).toEqual([2.5, NaN, -1000, 0.5]);
    expect(table.columns[2]?.values).toEqual(['red', 'blue', 'red', null]);
  });

  it('lets the spec override inference, keeping numeric-looking text as categories', () => {
    const { table, typing } = typeColumns(csv, { code: 'categorical', id: 'ignored' });
    expect(typing.find((t) => t.name === 'code')).toMatchObject({
      type: 'categorical',
      source: 'override',
    });
    expect(table.columns.map((c) => c.name)).toEqual(['size', 'colour', 'code']);
    expect(table.columns.at(-1)?.values).toEqual(['007', '12', '4', '9']);
  });

  it('names file, line, column and value when a numeric column holds text', () => {
    expect(() => typeColumns(csv, { colour: 'numeric' })).toThrow(
      'shapes.csv line 2, column "colour": expected a number, found "red"',
    );
  });

  it('stops on a mostly numeric column with a typo instead of making it categorical', () => {
    const rows = Array.from(
      { length: 20 },
      (_, i) => `${i},${i === 15 ? 'abc' : (i / 10).toFixed(1)}`,
    );
    const typo = parseCsv(['id,petal_width', ...rows].join('\n'), 'iris.csv');
    expect(() => typeColumns(typo, {})).toThrow(
      'iris.csv line 17, column "petal_width": expected a number, found "abc"; 19 of 20 values in this column are numbers',
    );
  });

  it('does not take hexadecimal or Infinity for numbers', () => {
    const odd = parseCsv('a,b\n0x10,Infinity\nff,-Infinity', 'odd.csv');
    expect(typeColumns(odd, {}).typing.map((t) => t.type)).toEqual(['categorical', 'categorical']);
  });

  it('rejects an override for a column the header lacks', () => {
    expect(() => typeColumns(csv, { colour: 'categorical', weight: 'numeric' })).toThrow(
      'shapes.csv: a column type is set for "weight", but the header has no such column',
    );
  });
});
