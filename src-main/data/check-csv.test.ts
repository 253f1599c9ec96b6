import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { basin } from '../cli/testing/basin-cli';
import { example, tempDataDir } from '../lab/testing/lab-fixture';
import { requireBuiltApp } from '../testing/built-app';

let root: string;
let dataDir: string;
let cleanUp: () => void;

beforeAll(() => {
  requireBuiltApp();
  ({ root, dataDir, cleanUp } = tempDataDir());
});
afterAll(() => cleanUp());

/** `basin run` on a spec reading `csv` (written first unless null) with target `target`. */
async function runOn(name: string, csv: string | null, target = 'y') {
  const path = join(root, `${name}.csv`);
  if (csv !== null) writeFileSync(path, csv);
  const spec = example('spirals-quick.json', (s) => ({
    ...s,
    name,
    data: { source: { kind: 'csv', path: `${name}.csv`, target }, task: 'binary' },
  }));
  const specFile = join(root, `${name}.json`);
  writeFileSync(specFile, JSON.stringify(spec));
  return basin(['run', specFile, '--data-dir', dataDir]);
}

const good = ['x,y', ...Array.from({ length: 40 }, (_, i) => `${i},${i % 2}`)];

describe('CSV problems are bad input before anything is stored', () => {
  it.each([
    ['missing', null, 'y', 'data.source.path: there is no file at this path'],
    ['empty', '', 'y', 'data.source.path: empty.csv is empty; expected a header row'],
    ['one-row', 'x,y\n1,0\n', 'y', 'one-row.csv has 1 data row; training needs at least 2'],
    [
      'no-target',
      good.join('\n'),
      'label',
      'data.source.target: no-target.csv has no column "label" (its columns: x, y)',
    ],
    [
      'typo',
      good.map((line, i) => (i === 4 ? 'oops,1' : line)).join('\n'),
      'y',
      'typo.csv line 5, column "x": expected a number, found "oops"',
    ],
  ])('%s: exits 2 naming the problem', async (name, csv, target, message) => {
    const { code, stderr } = await runOn(name, csv, target);
    expect(stderr).toContain(message);
    expect(code).toBe(2);
  });

  it('lists every problem of a file, not only the first', async () => {
    const lines = [...good];
    lines[3] = '1,2,3';
    lines[9] = '7';
    lines[20] = '1,0,,';
    const { code, stderr } = await runOn('many', lines.join('\n'), 'label');
    expect(code).toBe(2);
    expect(stderr).toContain('4 problems with its data');
    expect(stderr).toContain('has no column "label"');
    expect(stderr).toContain('many.csv line 4: expected 2 fields as in the header, found 3');
    expect(stderr).toContain('many.csv line 10: expected 2 fields as in the header, found 1');
    expect(stderr).toContain('many.csv line 21: expected 2 fields as in the header, found 4');
  });

  it('stored nothing for any of them', async () => {
    const ls = await basin(['ls', '--data-dir', dataDir]);
    expect(ls).toMatchObject({ code: 0, stdout: 'No experiments yet.\n' });
    expect(existsSync(join(dataDir, 'runs'))).toBe(false);
  });
});
