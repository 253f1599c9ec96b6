import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { dispatch } from '@shared/contract/dispatch';
import type { Reply } from '@shared/contract/envelope';
import type { LabMethod, ParamsOf, ResultOf } from '@shared/contract/lab-api';
import { createLabCore, type LabCore } from '../src-main/lab/lab-core';
import { builtPaths } from '../src-main/paths';

const RESTARTS = 4;

async function call<M extends LabMethod>(
  lab: LabCore,
  method: M,
  params: ParamsOf<M>,
): Promise<ResultOf<M>> {
  const reply = (await dispatch(lab.handlers, method, params)) as Reply<ResultOf<M>>;
  if (!reply.ok) throw new Error(`${method}: ${reply.error.message}`);
  return reply.value;
}

/** Trains the experiment's restarts on `slots` CPU slots; wall time from launch to the last run's end. */
async function timeOn(slots: number, spec: Record<string, unknown>) {
  const root = mkdtempSync(join(tmpdir(), 'basin-scaling-'));
  const paths = builtPaths(resolve(import.meta.dirname, '..', 'out', 'main'));
  const lab = await createLabCore({
    dataDir: join(root, 'data'),
    probeScript: paths.probeScript,
    trainerScript: paths.trainerScript,
    evaluatorScript: paths.evaluatorScript,
    landscapeScript: paths.landscapeScript,
    resourcesDir: paths.resourcesDir,
    devices: { cpuSlots: slots, gpus: [] },
  });
  try {
    const experiment = await call(lab, 'experiments.create', { spec });
    const started = performance.now();
    await call(lab, 'experiments.launch', { id: experiment.id });
    await lab.scheduler.idle();
    const wallMs = performance.now() - started;
    const { runs } = await call(lab, 'runs.list', { experimentId: experiment.id });
    const failed = runs.filter((run) => run.status !== 'succeeded');
    if (failed.length > 0)
      throw new Error(
        `runs did not succeed: ${failed.map((r) => `${r.id} ${r.status} ${r.error}`).join('; ')}`,
      );
    const runMs = runs.map((run) => run.durationMs ?? 0);
    return { wallMs, meanRunMs: runMs.reduce((a, b) => a + b, 0) / runMs.length };
  } finally {
    await lab.close();
    rmSync(root, { recursive: true, force: true });
  }
}

export default async function scalingBench(specFile: string): Promise<void> {
  const written = JSON.parse(readFileSync(specFile, 'utf8')) as {
    strategy?: Record<string, unknown>;
  };
  const spec = { ...written, strategy: { ...written.strategy, restarts: { count: RESTARTS } } };
  console.log(
    `Scaling: ${RESTARTS} restarts of ${specFile} on ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown CPU'})`,
  );
  // The speed-up is only meaningful on otherwise idle cores: the load says how idle they were.
  const loadBefore = loadavg()[0]!;
  const one = await timeOn(1, spec);
  const two = await timeOn(2, spec);
  const loadAfter = loadavg()[0]!;
  const rows = [
    ['CPU slots', 'wall time (s)', 'mean run time (s)', 'speed-up'],
    ['1', (one.wallMs / 1000).toFixed(2), (one.meanRunMs / 1000).toFixed(2), '1.00×'],
    [
      '2',
      (two.wallMs / 1000).toFixed(2),
      (two.meanRunMs / 1000).toFixed(2),
      `${(one.wallMs / two.wallMs).toFixed(2)}×`,
    ],
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
  for (const row of rows)
    console.log(`| ${row.map((cell, i) => cell.padEnd(widths[i]!)).join(' | ')} |`);
  console.log(
    `Target: speed-up ≥ 1.7× on 2 cores. 1-minute load average before ${loadBefore.toFixed(2)}, after ${loadAfter.toFixed(2)}.`,
  );
}
