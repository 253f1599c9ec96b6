import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from './open-store';
import { POINTS_PER_BATCH } from './testing/ingest-child';
import { exampleSpec, seedExperiment } from './testing/seed';
import { useTempDirs } from './testing/temp-dir';

const tempDir = useTempDirs();
const root = path.resolve(import.meta.dirname, '../..');

/** Starts testing/ingest-child.ts in a plain Node process, through Vite's module runner for `@shared`. */
function startChild(dataDir: string, runId: number) {
  const bootstrap = `
    const { runnerImport } = await import('vite');
    const { module } = await runnerImport(${JSON.stringify(path.join(root, 'src-main/store/testing/ingest-child.ts'))}, {
      configFile: false, logLevel: 'error', resolve: { alias: { '@shared': ${JSON.stringify(path.join(root, 'src-shared'))} } },
    });
    module.main(${JSON.stringify(dataDir)}, ${runId});`;
  return spawn(process.execPath, ['--input-type=module', '-e', bootstrap], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

describe('crash safety', () => {
  it('keeps every committed batch and a sound database when the writing process is killed with SIGKILL', async () => {
    const dataDir = tempDir();
    const setup = openStore(dataDir);
    const runId = seedExperiment(setup, exampleSpec('crash', 1)).runs[0]!.id;
    setup.close();

    const child = startChild(dataDir, runId);
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const committed = await new Promise<number>((resolve, reject) => {
      let seen = -1;
      let buffered = '';
      child.stdout.on('data', (chunk: Buffer) => {
        buffered += chunk.toString();
        const lines = buffered.split('\n');
        buffered = lines.pop()!;
        for (const line of lines) seen = Number(/^committed (\d+)$/.exec(line)?.[1] ?? seen);
        // Killed while it is writing the next batch, usually mid-transaction.
        if (seen >= 5) {
          child.kill('SIGKILL');
          resolve(seen);
        }
      });
      child.on('exit', (code, signal) => {
        if (signal !== 'SIGKILL')
          reject(new Error(`child exited (${code}) before the kill: ${stderr}`));
      });
    });
    await new Promise((resolve) => child.once('close', resolve));
    expect(child.signalCode).toBe('SIGKILL');

    const store = openStore(dataDir);
    expect(store.db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(store.db.pragma('foreign_key_check')).toEqual([]);
    const rows = store.db
      .prepare('SELECT count(*) FROM metrics WHERE run_id = ?')
      .pluck()
      .get(runId) as number;
    expect(rows).toBeGreaterThanOrEqual((committed + 1) * POINTS_PER_BATCH);
    expect(rows % POINTS_PER_BATCH).toBe(0);
    const steps = (committed + 1) * (POINTS_PER_BATCH / 2);
    const lastSteps = store.db
      .prepare('SELECT last_step FROM run_metric_summary WHERE run_id = ?')
      .pluck()
      .all(runId) as number[];
    expect(Math.min(...lastSteps)).toBeGreaterThanOrEqual(steps - 1);
    const [curve] = store.queries.curves({
      runIds: [runId],
      keys: ['val.loss'],
      x: 'step',
      resolution: 100_000,
    });
    expect(curve!.x.slice(0, steps)).toEqual(Array.from({ length: steps }, (_, step) => step));
    store.metrics.ingest([
      { runId, key: 'val.loss', step: rows, epoch: rows, value: 0, wallTime: Date.now() },
    ]);
    store.close();
  });
});
