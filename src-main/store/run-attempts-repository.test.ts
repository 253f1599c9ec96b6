import { describe, expect, it } from 'vitest';
import { openStore } from './open-store';
import { LAB_STOPPED_REASON } from './run-attempts-repository';
import { exampleSpec, seedExperiment } from './testing/seed';
import { useTempDirs } from './testing/temp-dir';

const tempDir = useTempDirs();
const T0 = Date.UTC(2026, 0, 1);

/** A store whose clock a test moves by hand, with one experiment of one queued run. */
function storeWithOneRun() {
  let now = T0;
  const dataDir = tempDir();
  const store = openStore(dataDir, { clock: () => now });
  const [run] = seedExperiment(store, exampleSpec('attempts', 1)).runs;
  let step = 0;
  /** Epochs `from` to `to` (1-based) of one curve, one step each. */
  const recordEpochs = (from: number, to: number) =>
    store.metrics.ingest(
      Array.from({ length: to - from + 1 }, (_, i) => ({
        runId: run!.id,
        key: 'val.loss',
        step: step++,
        epoch: from + i,
        value: 1 / (from + i),
        wallTime: now,
      })),
    );
  return {
    store,
    dataDir,
    runId: run!.id,
    recordEpochs,
    at: (minute: number) => (now = T0 + minute * 60_000),
  };
}

const iso = (minute: number) => new Date(T0 + minute * 60_000).toISOString();

describe('run attempts', () => {
  it('keeps an attempt per start: resumed, then retried, each with its end, epoch and reason', () => {
    const { store, runId, recordEpochs, at } = storeWithOneRun();
    at(1);
    store.runs.start(runId, { backend: 'wasm', device: 'cpu:0' });
    recordEpochs(1, 3);
    at(2);
    store.runs.finish(runId, 'interrupted', { error: 'disk full: 1 MB free in /data' });
    at(3);
    store.runs.requeue(runId, 'resume');
    at(4);
    store.runs.start(runId, { backend: 'tensorflow', device: 'gpu:0' });
    recordEpochs(4, 5);
    at(5);
    store.runs.finish(runId, 'diverged', { diagnosis: 'val.loss became NaN at epoch 6' });
    at(6);
    store.runs.requeue(runId, 'retry');
    expect(store.runAttempts.listForRun(runId)).toEqual([
      {
        attempt: 1,
        queuedAt: iso(0),
        startedAt: iso(1),
        endedAt: iso(2),
        status: 'interrupted',
        epoch: 3,
        device: 'cpu:0',
        backend: 'wasm',
        reason: 'disk full: 1 MB free in /data',
        slurmJobId: null,
      },
      {
        attempt: 2,
        queuedAt: iso(3),
        startedAt: iso(4),
        endedAt: iso(5),
        status: 'diverged',
        epoch: 5,
        device: 'gpu:0',
        backend: 'tensorflow',
        reason: 'val.loss became NaN at epoch 6',
        slurmJobId: null,
      },
    ]);
    // A retry clears the run's outputs, not the history of how it got there.
    at(7);
    store.runs.start(runId, { backend: 'wasm', device: 'cpu:1' });
    expect(
      store.runAttempts.listForRun(runId).map((a) => [a.attempt, a.queuedAt, a.endedAt]),
    ).toEqual([
      [1, iso(0), iso(2)],
      [2, iso(3), iso(5)],
      [3, iso(6), null],
    ]);
    store.close();
  });

  it('ends the attempt a crashed lab left running as interrupted when the next lab opens', () => {
    const { store, dataDir, runId, recordEpochs } = storeWithOneRun();
    store.runs.start(runId, { backend: 'wasm', device: 'cpu:0' });
    recordEpochs(1, 2);
    store.close();
    const next = openStore(dataDir, { clock: () => T0 + 9 * 60_000 });
    expect(next.runs.interruptRunning()).toEqual([runId]);
    const [attempt] = next.runAttempts.listForRun(runId);
    expect(attempt).toMatchObject({
      status: 'interrupted',
      epoch: 2,
      endedAt: iso(9),
      reason: LAB_STOPPED_REASON,
    });
    next.close();
  });

  it('makes each Slurm resubmission the next attempt, started when its job runs on a node', () => {
    const { store, runId, recordEpochs, at } = storeWithOneRun();
    at(1);
    store.slurmJobs.submitted(runId, '12_0', 'token-token-token-1');
    store.slurmJobs.seen(runId, '12_0', { state: 'RUNNING', detail: 'running', node: 'n1' });
    at(2);
    store.runs.start(runId, { backend: 'wasm', device: 'slurm:0' });
    recordEpochs(1, 4);
    at(3);
    store.slurmJobs.seen(runId, '12_0', { state: 'TIMEOUT', detail: 'TIMEOUT: time limit' });
    store.slurmJobs.submitted(runId, '13_0', 'token-token-token-2');
    at(4);
    store.slurmJobs.seen(runId, '13_0', { state: 'RUNNING', detail: 'running', node: 'n2' });
    at(5);
    store.runs.finish(runId, 'succeeded');
    expect(store.runAttempts.listForRun(runId)).toEqual([
      {
        attempt: 1,
        queuedAt: iso(0),
        startedAt: iso(2),
        endedAt: iso(3),
        status: 'interrupted',
        epoch: 4,
        device: 'n1',
        backend: 'wasm',
        reason: 'Slurm job 12_0 ended (TIMEOUT: time limit); resubmitted as job 13_0 to resume.',
        slurmJobId: '12_0',
      },
      {
        attempt: 2,
        queuedAt: iso(3),
        startedAt: iso(4),
        endedAt: iso(5),
        status: 'succeeded',
        epoch: 4,
        device: 'n2',
        backend: 'wasm',
        reason: null,
        slurmJobId: '13_0',
      },
    ]);
    store.close();
  });
});
