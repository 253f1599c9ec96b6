import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LAB_STOPPED_REASON } from '../store/run-attempts-repository';
import { repoRoot } from '../testing/built-app';
import { LOCK_FILE } from './data-dir-lock';
import type { LabCore } from './lab-core';
import {
  call,
  committedMetrics,
  fullCurves,
  integrityCheck,
  nextEvent,
  openTestLab,
  spirals,
  tempDataDir,
} from './testing/lab-fixture';

let lab: LabCore | undefined;
let cleanUp: () => void = () => undefined;

afterEach(async () => {
  await lab?.close();
  lab = undefined;
  cleanUp();
});

const curveKeys = ['train.loss', 'val.loss', 'val.accuracy'];

/** The pid of a run's trainer, as the running lab lists it in its data folder's lock. */
function trainerPid(dataDir: string, runId: number): number | undefined {
  const lock = JSON.parse(readFileSync(join(dataDir, LOCK_FILE), 'utf8')) as {
    trainers: Record<string, number>;
  };
  return lock.trainers[String(runId)];
}

describe('reliability with real processes', () => {
  it('fails a trainer killed with SIGKILL mid-epoch, finishes the others, and keeps the database sound', async () => {
    const temp = tempDataDir();
    cleanUp = temp.cleanUp;
    lab = await openTestLab(temp.dataDir);
    const experiment = await call(lab, 'experiments.create', {
      spec: spirals('kill a trainer', 2000, 8, 3),
    });
    const runIds = (await call(lab, 'experiments.launch', { id: experiment.id })).runIds;
    const victim = await nextEvent(lab, (m) =>
      m.event === 'run.epoch' && m.payload.epoch === 2 ? m.payload.runId : undefined,
    );
    // Trainers start in whatever order their run folders get ready, not in run id order.
    const pid = trainerPid(temp.dataDir, victim);
    expect(pid).toBeDefined();
    process.kill(pid!, 'SIGKILL');
    await lab.scheduler.idle();

    const runs = await Promise.all(runIds.map((id) => call(lab!, 'runs.get', { id })));
    const killed = runs.find((run) => run.id === victim)!;
    expect(killed.status).toBe('failed');
    expect(killed.error).toContain('killed by SIGKILL');
    expect(runs.filter((run) => run.id !== victim).map((run) => run.status)).toEqual([
      'succeeded',
      'succeeded',
    ]);
    expect(integrityCheck(temp.dataDir)).toBe('ok');
  });

  it('survives kill -9 of the CLI lab: committed metrics stay, the run is interrupted and resumes to the same curve', async () => {
    const temp = tempDataDir();
    cleanUp = temp.cleanUp;
    const specFile = join(temp.root, 'experiment.json');
    const spec = spirals('kill the lab', 2000, 10);
    writeFileSync(specFile, JSON.stringify(spec));

    const cli = spawn(
      process.execPath,
      [
        join(repoRoot, 'bin', 'basin.cjs'),
        'run',
        specFile,
        '--data-dir',
        temp.dataDir,
        '--cpu-slots',
        '1',
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    // Once the lab reports epoch 4 it has committed epoch 3, whose resume checkpoint is on disk.
    let output = '';
    await new Promise<void>((resolve, reject) => {
      cli.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (/epoch 4\/10/.test(output)) resolve();
      });
      cli.on('exit', () => reject(new Error(`the CLI ended before epoch 4:\n${output}`)));
    });
    const exited = new Promise((resolve) => cli.on('exit', (_code, signal) => resolve(signal)));
    cli.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    expect(integrityCheck(temp.dataDir)).toBe('ok');
    const committed = committedMetrics(temp.dataDir, 1);
    expect(committed.length).toBeGreaterThan(0);

    lab = await openTestLab(temp.dataDir);
    expect(lab.interruptedRunIds).toEqual([1]);
    expect((await call(lab, 'runs.get', { id: 1 })).status).toBe('interrupted');
    expect(committedMetrics(temp.dataDir, 1)).toEqual(committed);

    const firstEpoch = nextEvent(lab, (m) =>
      m.event === 'run.epoch' && m.payload.runId === 1 ? m.payload.epoch : undefined,
    );
    await call(lab, 'runs.resume', { id: 1 });
    const reference = await call(lab, 'experiments.create', {
      spec: { ...spec, name: 'uninterrupted' },
    });
    const [referenceRun] = (await call(lab, 'experiments.launch', { id: reference.id })).runIds;
    await lab.scheduler.idle();

    const finished = await call(lab, 'runs.get', { id: 1 });
    expect(finished.status).toBe('succeeded');
    // Two attempts: the one the crash cut short, found by the next lab, then the resumed one.
    expect(finished.attempts.map((a) => [a.attempt, a.status, a.reason])).toEqual([
      [1, 'interrupted', LAB_STOPPED_REASON],
      [2, 'succeeded', null],
    ]);
    expect(finished.attempts[0]!.epoch).toBe(Math.max(...committed.map(([, epoch]) => epoch)));
    // It went on from its resume checkpoint rather than starting over.
    expect(await firstEpoch).toBeGreaterThan(1);
    const resumed = await fullCurves(lab, 1, curveKeys);
    expect(resumed).toEqual(await fullCurves(lab, referenceRun!, curveKeys));
    // Every value committed before the kill is the value the finished run has at that epoch.
    for (const [key, epoch, value] of committed.filter(([key]) => curveKeys.includes(key))) {
      expect(resumed[key]!.y[resumed[key]!.x.indexOf(epoch)]).toBe(value);
    }
    expect(integrityCheck(temp.dataDir)).toBe('ok');
  });
});
