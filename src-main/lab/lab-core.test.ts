import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunEpochEvent } from '@shared/contract/runs';
import type { LabCore } from './lab-core';
import {
  call,
  example,
  fullCurves,
  nextEvent,
  openTestLab,
  reply,
  spirals,
  tempDataDir,
} from './testing/lab-fixture';

let lab: LabCore | undefined;
let cleanUp: () => void = () => undefined;

async function freshLab() {
  const temp = tempDataDir();
  cleanUp = temp.cleanUp;
  lab = await openTestLab(temp.dataDir);
  return { lab, root: temp.root };
}

afterEach(async () => {
  await lab?.close();
  lab = undefined;
  cleanUp();
});

describe('lab core', () => {
  it('trains every restart of a launched experiment over two CPU slots and reports progress', async () => {
    const { lab } = await freshLab();
    const epochs: RunEpochEvent[] = [];
    lab.events.subscribe((message) => {
      if (message.event === 'run.epoch') epochs.push(message.payload);
    });
    const experiment = await call(lab, 'experiments.create', {
      spec: spirals('two restarts', 400, 4, 2),
    });
    const launched = await call(lab, 'experiments.launch', { id: experiment.id });
    expect(launched.runIds).toHaveLength(2);
    const devices = await call(lab, 'devices.list', {});
    expect(devices.slots.map((slot) => slot.runId).sort()).toEqual(launched.runIds);
    await lab.scheduler.idle();

    const { runs } = await call(lab, 'runs.list', { experimentId: experiment.id });
    expect(runs.map((run) => [run.status, run.backend, run.epoch])).toEqual([
      ['succeeded', 'wasm', 4],
      ['succeeded', 'wasm', 4],
    ]);
    expect(new Set(runs.map((run) => run.device))).toEqual(new Set(['cpu:0', 'cpu:1']));
    expect(epochs.filter((e) => e.runId === launched.runIds[0]).map((e) => e.epoch)).toEqual([
      1, 2, 3, 4,
    ]);
    const curves = await fullCurves(lab, launched.runIds[0]!, ['train.loss', 'opt.learningRate']);
    expect(curves['train.loss']?.x).toEqual([1, 2, 3, 4]);
    expect(curves['opt.learningRate']?.y).toEqual([0.01, 0.01, 0.01, 0.01]);
    const detail = await call(lab, 'runs.get', { id: launched.runIds[0]! });
    expect(detail.selected).toBe('best-epoch');
    expect(detail.testMetrics?.['test.accuracy']).toBeGreaterThan(0);
    expect(detail.checkpoints.map((c) => c.kind)).toContain('best');
    const diagnostics = await call(lab, 'runs.diagnostics', { id: launched.runIds[0]! });
    expect(diagnostics?.kind).toBe('classification');
    const engine = await call(lab, 'runs.engine', { id: launched.runIds[0]! });
    expect(engine).toMatchObject({ backend: 'wasm', adapter: null, memory: { epoch: 4 } });
    expect(engine?.memory?.peakBytes).toBeGreaterThan(0);
  });

  it('rejects an invalid spec with every problem and stores nothing', async () => {
    const { lab } = await freshLab();
    const spec = example('spirals-quick.json', (s) => ({
      ...s,
      model: {
        layers: [
          { type: 'dense', units: 0 },
          { type: 'dense', units: 1, activation: 'sigmoid' },
        ],
      },
      optimization: { optimizer: { kind: 'adam', learningRate: -1 } },
      training: { epochs: 0, batchSize: 'big' as unknown as number },
    }));
    const answer = await reply(lab, 'experiments.create', { spec });
    expect(answer.ok).toBe(false);
    if (answer.ok) return;
    expect(answer.error.code).toBe('invalid_argument');
    const paths = (answer.error.details as { path: string }[]).map((p) => p.path);
    expect(paths).toEqual(
      expect.arrayContaining([
        'model.layers[0].units',
        'optimization.optimizer.learningRate',
        'training.epochs',
        'training.batchSize',
      ]),
    );
    for (const path of paths) expect(answer.error.message).toContain(path);
    expect(answer.error.message).toContain('received 0');
    expect((await call(lab, 'experiments.list', {})).experiments).toEqual([]);
    expect((await call(lab, 'runs.list', {})).total).toBe(0);

    const validation = await call(lab, 'experiments.validate', { spec });
    expect(validation.valid).toBe(false);
    expect(validation.problems.map((p) => p.path)).toEqual(paths);
  });

  it('keeps experiments: rename, duplicate, update with validation, diff, and delete', async () => {
    const { lab } = await freshLab();
    const original = await call(lab, 'experiments.create', { spec: spirals('original', 200, 2) });
    const renamed = await call(lab, 'experiments.rename', { id: original.id, name: 'renamed' });
    expect([renamed.name, renamed.specVersion]).toEqual(['renamed', 2]);
    const copy = await call(lab, 'experiments.duplicate', { id: original.id });
    expect(copy.name).toBe('renamed (copy)');
    const wider = {
      ...(copy.spec as object),
      model: {
        layers: [
          { type: 'dense', units: 16, activation: 'relu', kernelInitializer: 'heNormal' },
          { type: 'dense', units: 8, activation: 'relu' },
          { type: 'dense', units: 16, activation: 'relu', kernelInitializer: 'heNormal' },
          { type: 'dense', units: 1, activation: 'sigmoid' },
        ],
      },
    };
    const refused = await reply(lab, 'experiments.update', {
      id: copy.id,
      spec: { ...wider, training: { epochs: 0 } },
    });
    expect(refused.ok ? null : refused.error.code).toBe('invalid_argument');
    expect((await call(lab, 'experiments.get', { id: copy.id })).specVersion).toBe(1);
    await call(lab, 'experiments.update', { id: copy.id, spec: wider });
    const { changes } = await call(lab, 'compare.diff', {
      a: { kind: 'experiment', id: original.id },
      b: { kind: 'experiment', id: copy.id },
    });
    expect(changes.map((c) => [c.kind, c.path])).toEqual([
      ['changed', 'name'],
      ['added', 'model.layers[1]'],
    ]);
    expect(await call(lab, 'experiments.delete', { id: copy.id })).toEqual({ deletedRuns: 0 });
    expect((await call(lab, 'experiments.list', {})).experiments.map((e) => e.name)).toEqual([
      'renamed',
    ]);
  });

  it('fails a run whose CSV does not parse with the line and column, and keeps the lab going', async () => {
    const { lab, root } = await freshLab();
    const csv = join(root, 'broken.csv');
    // The typo lies past the first chunk a launch checks, so only the run reading the file finds it.
    const rows = Array.from({ length: 60_000 }, (_, i) => `${i / 10},${i % 2}`);
    rows[59_990] = '1.2.3,0';
    writeFileSync(csv, ['x,y', ...rows].join('\n'));
    const broken = await call(lab, 'experiments.create', {
      spec: example('spirals-quick.json', (s) => ({
        ...s,
        name: 'broken csv',
        data: { source: { kind: 'csv', path: csv, target: 'y' }, task: 'binary' },
      })),
    });
    const good = await call(lab, 'experiments.create', { spec: spirals('still fine', 200, 2) });
    const [failedRun] = (await call(lab, 'experiments.launch', { id: broken.id })).runIds;
    const [goodRun] = (await call(lab, 'experiments.launch', { id: good.id })).runIds;
    await lab.scheduler.idle();

    const failed = await call(lab, 'runs.get', { id: failedRun! });
    expect(failed.status).toBe('failed');
    expect(failed.error).toContain(
      'broken.csv line 59992, column "x": expected a number, found "1.2.3"',
    );
    expect((await call(lab, 'runs.get', { id: goodRun! })).status).toBe('succeeded');
    expect(await call(lab, 'runs.diagnostics', { id: failedRun! })).toBeNull();
  });

  it('cancels a running run gracefully and resumes it to the curve of an uninterrupted run', async () => {
    const { lab } = await freshLab();
    const spec = spirals('cancel and resume', 2000, 8);
    const interrupted = await call(lab, 'experiments.create', { spec });
    const reference = await call(lab, 'experiments.create', {
      spec: { ...spec, name: 'reference' },
    });
    const [runId] = (await call(lab, 'experiments.launch', { id: interrupted.id })).runIds;
    await nextEvent(lab, (m) =>
      m.event === 'run.epoch' && m.payload.epoch === 3 ? true : undefined,
    );
    await call(lab, 'runs.cancel', { id: runId! });
    await lab.scheduler.idle();
    const cancelled = await call(lab, 'runs.get', { id: runId! });
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.checkpoints.some((c) => c.kind === 'resume')).toBe(true);
    expect(cancelled.epoch).toBeLessThan(8);

    const firstEpoch = nextEvent(lab, (m) =>
      m.event === 'run.epoch' && m.payload.runId === runId ? m.payload.epoch : undefined,
    );
    await call(lab, 'runs.resume', { id: runId! });
    const [referenceRun] = (await call(lab, 'experiments.launch', { id: reference.id })).runIds;
    await lab.scheduler.idle();
    expect((await call(lab, 'runs.get', { id: runId! })).status).toBe('succeeded');
    expect(await firstEpoch).toBe((cancelled.epoch ?? 0) + 1);
    const keys = ['train.loss', 'val.loss', 'val.accuracy'];
    expect(await fullCurves(lab, runId!, keys)).toEqual(await fullCurves(lab, referenceRun!, keys));
  });

  it('orders the queue by priority and position and refuses to move a run that is not queued', async () => {
    const { lab } = await freshLab();
    await call(lab, 'queue.pause', {});
    const experiment = await call(lab, 'experiments.create', { spec: spirals('queue', 200, 1, 3) });
    const [a, b, c] = (await call(lab, 'experiments.launch', { id: experiment.id })).runIds;
    expect((await call(lab, 'queue.setPriority', { runId: c!, priority: 5 })).order).toEqual([
      c,
      a,
      b,
    ]);
    expect((await call(lab, 'queue.reorder', { runId: b!, toIndex: 0 })).order).toEqual([b, c, a]);
    const cancelledEvent = nextEvent(lab, (m) =>
      m.event === 'run.status' && m.payload.runId === a ? m.payload.status : undefined,
    );
    await call(lab, 'runs.cancel', { id: a! });
    expect(await cancelledEvent).toBe('cancelled');
    const moved = await reply(lab, 'queue.reorder', { runId: a!, toIndex: 0 });
    expect(moved.ok ? null : moved.error.code).toBe('conflict');
    expect((await call(lab, 'queue.resume', {})).running).toBe(2);
    await lab.scheduler.idle();
    const statuses = await Promise.all(
      [a, b, c].map(async (id) => (await call(lab, 'runs.get', { id: id! })).status),
    );
    expect(statuses).toEqual(['cancelled', 'succeeded', 'succeeded']);
  });
});
