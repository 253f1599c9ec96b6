import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { example, spirals, tempDataDir } from '../lab/testing/lab-fixture';
import { repoRoot, requireBuiltApp } from '../testing/built-app';

let root: string;
let dataDir: string;
let cleanUp: () => void;

beforeAll(() => {
  requireBuiltApp();
  ({ root, dataDir, cleanUp } = tempDataDir());
});
afterAll(() => cleanUp());

/** Runs the built `basin` command; resolves with its exit code and output. */
function basin(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [join(repoRoot, 'bin', 'basin.cjs'), ...args, '--data-dir', dataDir],
      (error, stdout, stderr) =>
        resolve({ code: error === null ? 0 : Number(error.code), stdout, stderr }),
    );
  });
}

function specFile(name: string, spec: unknown): string {
  const file = join(root, name);
  writeFileSync(file, JSON.stringify(spec));
  return file;
}

describe('basin run, ls, show, export', () => {
  it('runs an experiment to the comparison table and exits 0', async () => {
    const { code, stdout } = await basin(
      'run',
      specFile('ok.json', spirals('cli ok', 300, 3, 2)),
      '--cpu-slots',
      '2',
    );
    expect(code).toBe(0);
    expect(stdout).toContain('run 1 succeeded');
    expect(stdout).toContain('Strategy comparison on loss (lower is better), 2 succeeded runs:');
    expect(stdout).toMatch(/deep ensemble\s+\d\.\d{4} \(n=1\)/);
    expect(stdout).toMatch(/Selected: run \d \(best-epoch\)/);
  });

  it('exits 2 with every validation message for a bad spec, and 2 for a file that is not JSON', async () => {
    const bad = example('spirals-quick.json', (s) => ({
      ...s,
      model: { layers: [{ type: 'dense', units: 0 }] },
      training: { epochs: -1 },
    }));
    const { code, stderr } = await basin('run', specFile('bad.json', bad));
    expect(code).toBe(2);
    expect(stderr).toContain('model.layers[0].units: must be a whole number ≥ 1, received 0');
    expect(stderr).toContain('training.epochs');
    writeFileSync(join(root, 'broken.json'), '{ "name": ');
    const broken = await basin('run', join(root, 'broken.json'));
    expect(broken.code).toBe(2);
    expect(broken.stderr).toContain('broken.json is not valid JSON');
  });

  it('exits 1 when a run fails, naming the failure', async () => {
    const csv = join(root, 'typo.csv');
    writeFileSync(
      csv,
      [
        'x,y',
        // Past the first chunk a launch checks: only the run reading the whole file finds it.
        ...Array.from({ length: 60_000 }, (_, i) => (i === 59_990 ? 'oops1,0' : `${i},${i % 2}`)),
      ].join('\n'),
    );
    const spec = example('spirals-quick.json', (s) => ({
      ...s,
      name: 'cli fails',
      data: { source: { kind: 'csv', path: 'typo.csv', target: 'y' }, task: 'binary' },
    }));
    const { code, stdout } = await basin('run', specFile('fails.json', spec));
    expect(code).toBe(1);
    expect(stdout).toContain('typo.csv line 59992, column "x": expected a number, found "oops1"');
  });

  it('lists, shows and exports what was run', async () => {
    const ls = await basin('ls');
    expect(ls.code).toBe(0);
    expect(ls.stdout).toMatch(/1\s+cli ok\s+v1\s+2 succeeded/);
    const runs = await basin('ls', '--experiment', '1');
    expect(runs.stdout).toMatch(/1\s+1\s+succeeded\s+cpu:\d\s+wasm\s+3\/3/);
    const show = await basin('show', '1');
    expect(show.stdout).toContain('Run 1 of experiment 1 (cli ok)');
    expect(show.stdout).toContain('selected  best-epoch');
    const exported = await basin(
      'export',
      'experiment:1',
      '--kind',
      'best',
      '--to',
      join(root, 'best'),
    );
    expect(exported.code).toBe(0);
    expect(exported.stdout).toContain(`Exported to ${join(root, 'best')}: README.md`);
    const missing = await basin('show', '99');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('There is no run 99.');
  });
});
