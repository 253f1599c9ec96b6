import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { dispatch } from '@shared/contract/dispatch';
import type { Reply } from '@shared/contract/envelope';
import type { LabMethod, ParamsOf, ResultOf } from '@shared/contract/lab-api';
import { defaultSlurmSettings } from '@shared/slurm/settings';
import { createLabCore, type LabCore } from '../src-main/lab/lab-core';
import { builtPaths } from '../src-main/paths';

async function call<M extends LabMethod>(
  lab: LabCore,
  method: M,
  params: ParamsOf<M>,
): Promise<ResultOf<M>> {
  const reply = (await dispatch(lab.handlers, method, params)) as Reply<ResultOf<M>>;
  if (!reply.ok) throw new Error(`${method}: ${reply.error.message}`);
  return reply.value;
}

function quantile(values: readonly number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const position = (sorted.length - 1) * q;
  const low = Math.floor(position);
  const high = Math.ceil(position);
  return sorted[low]! + (sorted[high]! - sorted[low]!) * (position - low);
}

/**
 * `runs` one-epoch runs of a tiny spirals model through Slurm as one job array (%maxJobs). Per run:
 * submission (sbatch returned) to first epoch recorded; per launch: the lab process's CPU time.
 */
export default async function slurmBench(runs: number, maxJobs: number): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'basin-slurm-bench-'));
  const dataDir = join(root, 'data');
  const paths = builtPaths(resolve(import.meta.dirname, '..', 'out', 'main'));
  const example = JSON.parse(
    readFileSync(
      resolve(import.meta.dirname, '..', 'resources/examples/spirals-quick.json'),
      'utf8',
    ),
  ) as Record<string, unknown> & { training: Record<string, unknown> };
  const spec = {
    ...example,
    name: 'slurm bench',
    data: {
      source: {
        kind: 'builtin',
        dataset: 'spirals',
        generator: { samples: 100, noise: 0.1, seed: 0 },
      },
    },
    training: { ...example.training, epochs: 1, backend: 'wasm' },
    strategy: { restarts: { count: runs } },
  };
  const lab = await createLabCore({
    dataDir,
    probeScript: paths.probeScript,
    trainerScript: paths.trainerScript,
    evaluatorScript: paths.evaluatorScript,
    landscapeScript: paths.landscapeScript,
    resourcesDir: paths.resourcesDir,
    devices: { gpus: [], slurm: { ...defaultSlurmSettings, maxJobs } },
  });
  const firstEpochAt = new Map<number, number>();
  lab.events.subscribe((message) => {
    if (message.event === 'run.epoch' && !firstEpochAt.has(message.payload.runId))
      firstEpochAt.set(message.payload.runId, Date.now());
  });
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  let experimentId: number;
  try {
    experimentId = (await call(lab, 'experiments.create', { spec })).id;
    await call(lab, 'experiments.launch', { id: experimentId });
    await lab.scheduler.idle();
  } finally {
    await lab.close();
  }
  const wallS = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const db = new Database(join(dataDir, 'basin.sqlite'), { readonly: true });
  const rows = db
    .prepare(
      `SELECT r.id, r.status, r.started_at, j.submitted_at FROM runs r JOIN slurm_jobs j ON j.run_id = r.id AND j.attempt = 1 WHERE r.experiment_id = ?`,
    )
    .all(experimentId) as {
    id: number;
    status: string;
    started_at: number;
    submitted_at: number;
  }[];
  const arrays = new Set(
    (db.prepare('SELECT job_id FROM slurm_jobs').pluck().all() as string[]).map(
      (id) => id.split('_')[0],
    ),
  );
  db.close();
  rmSync(root, { recursive: true, force: true });
  const failed = rows.filter((row) => row.status !== 'succeeded');
  if (failed.length > 0) throw new Error(`${failed.length} runs did not succeed`);
  const latency = rows.map((row) => ((firstEpochAt.get(row.id) ?? NaN) - row.submitted_at) / 1000);
  // The first K tasks start at once; the others also wait for the array's %K throttle.
  const unthrottled = [...rows]
    .sort((a, b) => a.id - b.id)
    .slice(0, maxJobs)
    .map((row) => ((firstEpochAt.get(row.id) ?? NaN) - row.submitted_at) / 1000);
  const toReady = rows.map((row) => (row.started_at - row.submitted_at) / 1000);
  const labCpuMsPerRun = (cpu.user + cpu.system) / 1000 / rows.length;
  console.log(
    `Slurm: ${rows.length} one-epoch runs in ${arrays.size} job array(s), %${maxJobs}, ${execFileSync('sinfo', ['--version'], { encoding: 'utf8' }).trim()}, ${cpus().length} cores`,
  );
  const table = [
    ['measure', 'median', 'p95'],
    [
      'submission → first epoch (s)',
      quantile(latency, 0.5).toFixed(2),
      quantile(latency, 0.95).toFixed(2),
    ],
    [
      `… first ${maxJobs} runs only (s)`,
      quantile(unthrottled, 0.5).toFixed(2),
      quantile(unthrottled, 0.95).toFixed(2),
    ],
    [
      'submission → trainer ready (s)',
      quantile(toReady, 0.5).toFixed(2),
      quantile(toReady, 0.95).toFixed(2),
    ],
  ];
  for (const row of table) console.log(`| ${row.map((cell) => cell.padEnd(30)).join(' | ')} |`);
  console.log(
    `Lab overhead: ${labCpuMsPerRun.toFixed(1)} ms of lab CPU per run (user+system over the launch, ${wallS.toFixed(1)} s wall for all runs).`,
  );
}
