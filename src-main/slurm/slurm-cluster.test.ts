import { execFile, execFileSync, spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { defaultSlurmSettings, type SlurmSettings } from '@shared/slurm/settings';
import { finishedStatuses } from '@shared/contract/runs';
import type { ExperimentSpecInput } from '@shared/experiment';
import type { LabCore } from '../lab/lab-core';
import {
  call,
  committedMetrics,
  example,
  nextEvent,
  openTestLab,
  spirals,
  tempDataDir,
} from '../lab/testing/lab-fixture';
import { repoRoot, requireBuiltApp } from '../testing/built-app';
import {
  clusterAnswers,
  jobPids,
  slurmctldPid,
  slurmJobRows,
  startCluster,
} from './testing/cluster';

// Real Slurm, never a mock: the one-node cluster of scripts/slurm-local.sh.
const available = clusterAnswers();
const reason = available
  ? ''
  : ' (skipped: no Slurm cluster answers sinfo here; run scripts/slurm-local.sh start)';

let root: string;
let cleanUp: () => void;
beforeAll(() => {
  requireBuiltApp();
  ({ root, cleanUp } = tempDataDir());
});
afterAll(() => cleanUp());

function basin(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [join(repoRoot, 'bin', 'basin.cjs'), ...args],
      { timeout: 120_000 },
      (error, stdout, stderr) =>
        resolve({ code: error === null ? 0 : Number(error.code), stdout, stderr }),
    );
  });
}

function specFile(name: string, spec: unknown): string {
  const file = join(root, `${name}.json`);
  writeFileSync(file, JSON.stringify(spec));
  return file;
}

/** The Breast Cancer example, short. */
const breastCancer = (epochs: number): ExperimentSpecInput =>
  example('breast-cancer-restarts.json', (spec) => ({
    ...spec,
    training: { ...spec.training, epochs },
    strategy: {
      ...spec.strategy,
      snapshot: { cycles: 2, initialLr: 0.01 },
      swa: { startEpoch: epochs - 1, swaLr: 0.001, annealEpochs: 1, annealStrategy: 'cos' },
    },
  }));

async function slurmLab(name: string, settings: Partial<SlurmSettings> = {}): Promise<LabCore> {
  return openTestLab(join(root, name), {
    devices: { slurm: { ...defaultSlurmSettings, ...settings }, gpus: [] },
  });
}

async function launch(lab: LabCore, spec: ExperimentSpecInput): Promise<number[]> {
  const experiment = await call(lab, 'experiments.create', { spec });
  return (await call(lab, 'experiments.launch', { id: experiment.id })).runIds;
}

function finished(lab: LabCore, runId: number): Promise<string> {
  return nextEvent(lab, (m) =>
    m.event === 'run.status' &&
    m.payload.runId === runId &&
    (finishedStatuses as readonly string[]).includes(m.payload.status)
      ? m.payload.status
      : undefined,
  );
}

/** The run's final status: the one it has now if it has finished already, else the next one. */
async function settled(lab: LabCore, runId: number): Promise<string> {
  const later = finished(lab, runId);
  const { status } = await call(lab, 'runs.get', { id: runId });
  return (finishedStatuses as readonly string[]).includes(status) ? status : later;
}

function epochReached(lab: LabCore, runId: number, epoch: number): Promise<void> {
  return nextEvent(lab, (m) =>
    m.event === 'run.epoch' && m.payload.runId === runId && m.payload.epoch >= epoch
      ? true
      : undefined,
  ).then(() => undefined);
}

function epochsOf(dataDir: string, runId: number): number[] {
  return committedMetrics(dataDir, runId)
    .filter(([key]) => key === 'train.loss')
    .map(([, epoch]) => epoch);
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

/**
 * `basin run --slurm`, killed (SIGKILL) as soon as one run is at epoch 2; that run's id. Slurm
 * starts an array's tasks as the node has room, so another run may still be queued in Slurm,
 * training, or (its task having started first) finished.
 */
async function killedMidRun(dataDir: string, spec: ExperimentSpecInput): Promise<number> {
  const name = spec.name ?? 'spec';
  const epochs = spec.training?.epochs ?? 0;
  const cli = spawn(
    process.execPath,
    [
      join(repoRoot, 'bin', 'basin.cjs'),
      'run',
      specFile(name, spec),
      '--data-dir',
      dataDir,
      '--slurm',
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const midRun = await new Promise<number>((resolve, reject) => {
    cli.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const line = new RegExp(`run (\\d+) .*epoch 2/${epochs}`).exec(output);
      if (line !== null) resolve(Number(line[1]));
    });
    cli.on('exit', () => reject(new Error(`the lab ended before it was killed: ${output}`)));
  });
  cli.kill('SIGKILL');
  await new Promise((resolve) => cli.once('close', resolve));
  return midRun;
}

describe.skipIf(!available).concurrent(`the Slurm pool on a real cluster${reason}`, () => {
  it('trains 4 restarts as one job array and names job and node in basin show', async () => {
    const dataDir = join(root, 'cli');
    const run = await basin(
      'run',
      specFile('bc', breastCancer(4)),
      '--data-dir',
      dataDir,
      '--slurm',
      '--max-jobs',
      '2',
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('4 succeeded runs');
    expect(run.stdout).toMatch(/snapshot ensemble\s+\d\.\d{4} ± /);
    const shown = await Promise.all(
      range(4).map((id) => basin('show', String(id), '--data-dir', dataDir)),
    );
    const arrays = new Set<string>();
    const tasks: number[] = [];
    for (const { stdout } of shown) {
      const match = /slurm job (\d+)_(\d+) on (\S+): COMPLETED/.exec(stdout);
      expect(match, stdout).not.toBeNull();
      arrays.add(match?.[1] ?? '');
      tasks.push(Number(match?.[2]));
      expect(match?.[3]).toBe(execFileSync('hostname', ['-s'], { encoding: 'utf8' }).trim());
    }
    // One array, one task per run; which run a task trains follows the order the runs reached
    // the launcher, which the scheduler does not promise.
    expect(arrays.size).toBe(1);
    expect(tasks.sort((a, b) => a - b)).toEqual([0, 1, 2, 3]);
  });

  it('gives two GPU tasks different GPUs and records the backend chosen on the node', async () => {
    const lab = await slurmLab('gpus', { gpusPerRun: 1 });
    try {
      // No backend forced, so the trainer chooses on the node as it would locally.
      const runIds = await launch(lab, {
        ...breastCancer(3),
        strategy: { restarts: { count: 2 } },
      });
      const statuses = await Promise.all(runIds.map((id) => finished(lab, id)));
      expect(statuses).toEqual(['succeeded', 'succeeded']);
      const gpus = runIds.map((id) => slurmJobRows(join(root, 'gpus'), id)[0]?.gpus);
      expect(new Set(gpus)).toEqual(new Set(['0', '1']));
      const { runs } = await call(lab, 'runs.list', { experimentId: 1 });
      for (const run of runs) expect(run.backend).toMatch(/^(wasm|tensorflow|webgpu|cpu)$/);
    } finally {
      await lab.close();
    }
  });

  it('cancels the runs scancelled on the cluster or cancelled in Basin; the others finish', async () => {
    const dataDir = join(root, 'scancel');
    const lab = await slurmLab('scancel');
    try {
      // Long enough that each victim is still training when its cancel reaches it.
      const runIds = await launch(lab, spirals('scancel', 300, 60, 4));
      const outcomes = runIds.map((id) => finished(lab, id));
      const [, onCluster = 0, inBasin = 0] = runIds;
      await Promise.all([epochReached(lab, onCluster, 2), epochReached(lab, inBasin, 2)]);
      execFileSync('scancel', [slurmJobRows(dataDir, onCluster)[0]?.job_id ?? '']);
      await call(lab, 'runs.cancel', { id: inBasin });
      expect(await Promise.all(outcomes)).toEqual([
        'succeeded',
        'cancelled',
        'cancelled',
        'succeeded',
      ]);
      for (const victim of [onCluster, inBasin]) {
        expect((await call(lab, 'runs.get', { id: victim })).error).toBeNull();
        // Cancel in Basin is scancel too: the job ends CANCELLED, not COMPLETED by the trainer.
        expect(slurmJobRows(dataDir, victim).map((row) => row.state)).toEqual(['CANCELLED']);
      }
    } finally {
      await lab.close();
    }
  });

  it('resumes a run whose trainer was killed on the node, the curve continuous', async () => {
    const dataDir = join(root, 'kill9');
    const lab = await slurmLab('kill9');
    try {
      // Long enough that the trainer is still training when it is found and killed.
      const [runId = 0] = await launch(lab, spirals('kill9', 300, 40, 1));
      const outcome = finished(lab, runId);
      await epochReached(lab, runId, 3);
      const [job] = slurmJobRows(dataDir, runId);
      const trainers = jobPids(job?.job_id ?? '').filter((pid) =>
        readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('trainer.js'),
      );
      expect(trainers).toHaveLength(1);
      process.kill(trainers[0] ?? 0, 'SIGKILL');
      expect(await outcome).toBe('succeeded');
      expect(epochsOf(dataDir, runId)).toEqual(range(40));
      const err = readFileSync(join(dataDir, 'slurm', 'jobs', `${job?.job_id ?? ''}.err`), 'utf8');
      expect(err).toContain('the trainer was ended by signal 9; starting it again');
    } finally {
      await lab.close();
    }
  });

  it('takes its jobs back after the lab was killed, and the runs finish', async () => {
    const dataDir = join(root, 'relab');
    const epochs = 20;
    const midRun = await killedMidRun(dataDir, spirals('relab', 300, epochs, 2));
    const lab = await slurmLab('relab');
    try {
      const outcomes = [1, 2].map((id) => settled(lab, id));
      expect(await Promise.all(outcomes)).toEqual(['succeeded', 'succeeded']);
      for (const id of [1, 2]) expect(epochsOf(dataDir, id)).toEqual(range(epochs));
      // Taken back, not submitted again, and each run's first task watched to its end (a run
      // succeeds on its trainer's last word, a moment before the job ends): none is left behind
      // in Slurm with a trainer no lab knows.
      expect(slurmJobRows(dataDir, midRun)).toHaveLength(1);
      await vi.waitFor(
        () => {
          for (const id of [1, 2]) expect(slurmJobRows(dataDir, id)[0]?.state).toBe('COMPLETED');
        },
        { timeout: 30_000, interval: 250 },
      );
    } finally {
      await lab.close();
    }
  });

  it('cancels the jobs that a lab opened without Slurm cannot take back', async () => {
    const dataDir = join(root, 'noslurm');
    // Long: still training when the lab is killed and another opens.
    const runId = await killedMidRun(dataDir, spirals('noslurm', 300, 500, 1));
    const jobId = slurmJobRows(dataDir, runId)[0]?.job_id ?? '';
    // The saved settings drain to local slots only: this lab has no Slurm pool.
    const lab = await openTestLab(dataDir);
    try {
      expect((await call(lab, 'runs.get', { id: runId })).status).toBe('interrupted');
      await vi.waitFor(
        () => {
          expect(slurmJobRows(dataDir, runId)[0]?.state).toBe('CANCELLED');
          const state = execFileSync('squeue', ['-h', '-t', 'all', '-j', jobId, '-o', '%T'], {
            encoding: 'utf8',
          });
          expect(state.trim()).toBe('CANCELLED');
        },
        { timeout: 30_000, interval: 250 },
      );
    } finally {
      await lab.close();
    }
  });

  it('resumes a task that ran past its --time (TIMEOUT) in a new job', async () => {
    const dataDir = join(root, 'timeout');
    const lab = await slurmLab('timeout', { time: '1' });
    try {
      // Far more epochs than a minute holds: the run is cancelled once it has resumed.
      const [runId = 0] = await launch(lab, spirals('timeout', 2000, 5000, 1));
      const resumed = nextEvent(lab, (m) =>
        m.event === 'run.epoch' &&
        m.payload.runId === runId &&
        slurmJobRows(dataDir, runId).length === 2 &&
        slurmJobRows(dataDir, runId)[1]?.node !== null
          ? m.payload.epoch
          : undefined,
      );
      const firstEpochAfterResume = await resumed;
      const rows = slurmJobRows(dataDir, runId);
      expect(rows.map((row) => [row.attempt, row.state])).toEqual([
        [1, 'TIMEOUT'],
        [2, 'RUNNING'],
      ]);
      const outcome = finished(lab, runId);
      await call(lab, 'runs.cancel', { id: runId });
      expect(await outcome).toBe('cancelled');
      const epochs = epochsOf(dataDir, runId);
      expect(epochs).toEqual(range(epochs.length));
      expect(epochs.length).toBeGreaterThanOrEqual(firstEpochAfterResume);
    } finally {
      await lab.close();
    }
  }, 180_000);
});

describe.skipIf(!available)(`without slurmctld${reason}`, () => {
  it('fails the submission with a sentence and keeps the local pool working', async () => {
    const dataDir = join(root, 'down');
    process.kill(slurmctldPid(), 'SIGTERM');
    try {
      const slurm = await basin(
        'run',
        specFile('down', spirals('down', 100, 2, 1)),
        '--data-dir',
        dataDir,
        '--slurm',
      );
      expect(slurm.code).toBe(1);
      expect(slurm.stdout).toMatch(
        /run 1 failed: The run could not be submitted to Slurm\. Slurm's sbatch failed: .*(controller|connect)/i,
      );
      const local = await basin(
        'run',
        specFile('local', spirals('local', 100, 2, 1)),
        '--data-dir',
        dataDir,
        '--cpu-slots',
        '1',
      );
      expect(local.code).toBe(0);
      expect(local.stdout).toContain('run 2 succeeded');
    } finally {
      startCluster();
    }
  }, 120_000);
});
