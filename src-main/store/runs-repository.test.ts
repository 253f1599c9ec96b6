import { describe, expect, it } from 'vitest';
import { openStore } from './open-store';
import { allowedTransitions } from './run-transitions';
import { exampleSpec, seedExperiment } from './testing/seed';
import { useTempDirs } from './testing/temp-dir';

const tempDir = useTempDirs();

function storeAt(start = Date.UTC(2025, 0, 1)) {
  let now = start;
  return openStore(tempDir(), { clock: () => (now += 1000) });
}

describe('runs repository', () => {
  it('queues one run per restart with its seed, resolved config, epochs and tags', () => {
    const store = storeAt();
    const { experiment, runs } = seedExperiment(store, exampleSpec('BC', 3));
    expect(
      runs.map((r) => [r.restart, r.fold, r.status, r.epochs, r.experimentId, r.specVersion]),
    ).toEqual([
      [0, null, 'queued', 20, experiment.id, 1],
      [1, null, 'queued', 20, experiment.id, 1],
      [2, null, 'queued', 20, experiment.id, 1],
    ]);
    expect(runs[0]!.seed).toBe(42);
    expect(new Set(runs.map((r) => r.seed)).size).toBe(3);
    expect(runs[1]!.config.training.seed).toBe(runs[1]!.seed);
    expect(runs[0]!.tags).toEqual(['example', 'tabular', 'binary', 'combined']);
    expect(store.runs.queue().map((q) => q.id)).toEqual(runs.map((r) => r.id));
    store.close();
  });

  it('walks a run through running to succeeded with its timestamps and placement', () => {
    const store = storeAt();
    const [run] = seedExperiment(store, exampleSpec('BC', 1)).runs;
    const running = store.runs.start(run!.id, { backend: 'wasm', device: 'cpu:0' });
    expect(running).toMatchObject({
      status: 'running',
      backend: 'wasm',
      device: 'cpu:0',
      finishedAt: null,
    });
    expect(running.startedAt).toBe('2025-01-01T00:00:03.000Z');
    const done = store.runs.finish(run!.id, 'succeeded');
    expect(done).toMatchObject({ status: 'succeeded', startedAt: running.startedAt, error: null });
    expect(done.finishedAt).toBe('2025-01-01T00:00:04.000Z');
    store.close();
  });

  it('refuses moves the transition table does not allow, naming the status', () => {
    const store = storeAt();
    const [run] = seedExperiment(store, exampleSpec('BC', 1)).runs;
    expect(() => store.runs.finish(run!.id, 'succeeded')).toThrow(
      `Run ${run!.id} is queued; only a run that is running can become succeeded.`,
    );
    store.runs.start(run!.id, { backend: 'cpu', device: 'cpu:0' });
    expect(() => store.runs.start(run!.id, { backend: 'cpu', device: 'cpu:0' })).toThrow(
      /is running; only a run that is queued/,
    );
    store.runs.finish(run!.id, 'succeeded');
    expect(() => store.runs.requeue(run!.id, 'retry')).toThrow(
      /is succeeded; only a run that is failed or diverged or cancelled or interrupted can become queued/,
    );
    expect(() => store.runs.start(9999, { backend: 'cpu', device: 'cpu:0' })).toThrow(
      'There is no run 9999.',
    );
    expect(allowedTransitions.succeeded).toEqual([]);
    store.close();
  });

  it('records a failure with its error and diagnosis, and cancels a queued run', () => {
    const store = storeAt();
    const [a, b] = seedExperiment(store, exampleSpec('BC', 2)).runs;
    store.runs.start(a!.id, { backend: 'cpu', device: 'cpu:0' });
    expect(
      store.runs.finish(a!.id, 'failed', {
        error: 'killed by SIGKILL',
        diagnosis: 'out of memory?',
      }),
    ).toMatchObject({
      status: 'failed',
      error: 'killed by SIGKILL',
      diagnosis: 'out of memory?',
    });
    expect(store.runs.finish(b!.id, 'cancelled').status).toBe('cancelled');
    store.close();
  });

  it('marks runs a crashed lab left running as interrupted', () => {
    const store = storeAt();
    const [a, b, c] = seedExperiment(store, exampleSpec('BC', 3)).runs;
    store.runs.start(a!.id, { backend: 'cpu', device: 'cpu:0' });
    store.runs.start(b!.id, { backend: 'cpu', device: 'cpu:1' });
    store.runs.finish(b!.id, 'succeeded');
    expect(store.runs.interruptRunning()).toEqual([a!.id]);
    expect([a, b, c].map((run) => store.runs.get(run!.id).status)).toEqual([
      'interrupted',
      'succeeded',
      'queued',
    ]);
    store.close();
  });

  it('resumes with metrics and checkpoints kept, retries with them cleared', () => {
    const store = storeAt();
    const [a, b] = seedExperiment(store, exampleSpec('BC', 2)).runs;
    for (const run of [a!, b!]) {
      store.runs.start(run.id, { backend: 'cpu', device: 'cpu:0' });
      store.metrics.ingest([
        { runId: run.id, key: 'val.loss', step: 1, epoch: 1, value: 0.5, wallTime: 0 },
      ]);
      store.checkpoints.record(run.id, {
        kind: 'resume',
        epoch: 1,
        path: `/ck/${run.id}`,
        metrics: {},
      });
    }
    for (const run of [a!, b!])
      store.metricNotes.record(run.id, 'undefined', { 'val.auc': 'one class' }, 1);
    store.runs.interruptRunning();
    const resumed = store.runs.requeue(a!.id, 'resume');
    expect(resumed).toMatchObject({ status: 'queued', backend: 'cpu', finishedAt: null });
    expect(resumed.startedAt).not.toBeNull();
    expect(store.checkpoints.listForRun(a!.id)).toHaveLength(1);
    const retried = store.runs.requeue(b!.id, 'retry');
    expect(retried).toMatchObject({
      status: 'queued',
      backend: null,
      device: null,
      startedAt: null,
    });
    expect(store.checkpoints.listForRun(b!.id)).toHaveLength(0);
    const metricRows = (runId: number) =>
      store.db.prepare('SELECT count(*) FROM metrics WHERE run_id = ?').pluck().get(runId);
    expect([metricRows(a!.id), metricRows(b!.id)]).toEqual([1, 0]);
    // A resumed run's notes go when it trains their epochs again; a retried run's at once.
    expect(store.metricNotes.listForRun(a!.id)).toHaveLength(1);
    expect(store.metricNotes.listForRun(b!.id)).toEqual([]);
    expect(store.runs.queue().map((q) => q.id)).toEqual([a!.id, b!.id]);
    store.close();
  });

  it('orders the queue by priority, then position', () => {
    const store = storeAt();
    const [a, b, c] = seedExperiment(store, exampleSpec('BC', 3)).runs;
    store.runs.setPriority(c!.id, 5);
    expect(store.runs.queue().map((q) => q.id)).toEqual([c!.id, a!.id, b!.id]);
    store.runs.setQueuePositions([
      { runId: b!.id, priority: 5, position: 0 },
      { runId: c!.id, priority: 5, position: 1 },
    ]);
    expect(store.runs.queue().map((q) => q.id)).toEqual([b!.id, c!.id, a!.id]);
    store.close();
  });

  it('records the model a run selected and its test metrics', () => {
    const store = storeAt();
    const [run] = seedExperiment(store, exampleSpec('BC', 1)).runs;
    const picked = store.runs.recordSelection(run!.id, 'swa', {
      'test.accuracy': 0.96,
      'test.loss': 0.11,
    });
    expect(picked).toMatchObject({
      selectedCandidate: 'swa',
      testMetrics: { 'test.accuracy': 0.96, 'test.loss': 0.11 },
    });
    store.close();
  });
});
