import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { example, tempDataDir } from '../lab/testing/lab-fixture';
import { repoRoot, requireBuiltApp } from '../testing/built-app';

let root: string;
let dataDir: string;
let cleanUp: () => void;

beforeAll(() => {
  requireBuiltApp();
  ({ root, dataDir, cleanUp } = tempDataDir());
});
afterAll(() => cleanUp());

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

describe('basin landscape', () => {
  it('prints the line between two restarts as JSON and as a table, and the plane through three', async () => {
    const file = join(root, 'bc.json');
    const spec = example('breast-cancer-restarts.json', (s) => ({
      ...s,
      training: { ...s.training, epochs: 2, backend: 'wasm' },
      strategy: { restarts: { count: 3 }, selection: { monitor: 'val.loss' } },
    }));
    writeFileSync(file, JSON.stringify(spec));
    expect((await basin('run', file, '--cpu-slots', '2')).code).toBe(0);

    const line = await basin('landscape', '1', 'run:2:best', '--points', '7', '--json');
    expect(line.code).toBe(0);
    expect(line.stderr).toContain('Scoring point 7 of 7');
    const parsed = JSON.parse(line.stdout) as {
      points: { t: number; trainLoss: number; valLoss: number; valAccuracy: number }[];
      barrier: { train: { height: number; t: number } };
      checkpoints: string[];
    };
    expect(parsed.points.map((p) => p.t)).toEqual([-0.25, 0, 0.25, 0.5, 0.75, 1, 1.25]);
    expect(Object.keys(parsed.points[0] ?? {})).toEqual([
      't',
      'trainLoss',
      'valLoss',
      'trainAccuracy',
      'valAccuracy',
    ]);
    expect(parsed.barrier.train.height).toBeGreaterThanOrEqual(0);
    expect(parsed.checkpoints[1]).toMatch(/^run 2 best \(epoch \d+\)$/);

    // Asked again, it is read back from the store: no progress, same numbers.
    const table = await basin('landscape', '1', 'run:2:best', '--points', '7');
    expect(table.code).toBe(0);
    expect(table.stderr).not.toContain('Scoring point');
    expect(table.stdout).toMatch(/t\s+train loss\s+val loss\s+train accuracy\s+val accuracy/);
    expect(table.stdout).toMatch(
      new RegExp(`\\n0\\.5000\\s+${parsed.points[3]?.trainLoss.toFixed(4)}\\s`),
    );
    expect(table.stdout).toMatch(/Barrier \(max over t in \[0, 1\] of loss\(t\)/);

    const plane = await basin('landscape', '1', '2', '3', '--points', '3', '--json');
    expect(plane.code).toBe(0);
    const grid = JSON.parse(plane.stdout) as { grid: unknown[]; marks: { label: string }[] };
    expect(grid.grid).toHaveLength(9);
    expect(grid.marks.map((m) => m.label)).toEqual(['A', 'B', 'C']);
  }, 120_000);

  it('exits 2 on a checkpoint it cannot read, saying how to name one', async () => {
    const { code, stderr } = await basin('landscape', 'run:1:latest');
    expect(code).toBe(2);
    expect(stderr).toContain('run:12:snapshot-K (K from 1), received "run:1:latest"');
  });
});
