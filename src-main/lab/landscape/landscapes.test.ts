import { afterEach, describe, expect, it } from 'vitest';
import type { Landscape } from '@shared/contract/landscape';
import type { LabCore } from '../lab-core';
import { call, example, nextEvent, openTestLab, reply, tempDataDir } from '../testing/lab-fixture';

let lab: LabCore | undefined;
let cleanUp: () => void = () => undefined;

afterEach(async () => {
  await lab?.close();
  lab = undefined;
  cleanUp();
});

/** Three restarts of the Breast Cancer example, two epochs each, no snapshots or SWA: seconds. */
async function trainedRuns(core: LabCore): Promise<number[]> {
  const spec = example('breast-cancer-restarts.json', (s) => ({
    ...s,
    name: 'landscape',
    training: { ...s.training, epochs: 2, backend: 'wasm' },
    strategy: { restarts: { count: 3 }, selection: { monitor: 'val.loss' } },
  }));
  const experiment = await call(core, 'experiments.create', { spec });
  const { runIds } = await call(core, 'experiments.launch', { id: experiment.id });
  for (;;) {
    const { runs } = await call(core, 'runs.list', { experimentId: experiment.id });
    if (runs.every((run) => run.status === 'succeeded')) return runIds;
    if (runs.some((run) => ['failed', 'diverged', 'cancelled'].includes(run.status))) {
      throw new Error(`a run ended badly: ${runs.map((run) => run.status).join(', ')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

function finished(core: LabCore, id: number): Promise<Landscape> {
  return nextEvent(core, (message) =>
    message.event === 'landscape.progress' &&
    message.payload.id === id &&
    message.payload.status !== 'running'
      ? message.payload
      : undefined,
  ).then(() => call(core, 'landscape.get', { id }));
}

describe('landscapes in the lab (real evaluator child, real SQLite)', () => {
  it('computes a line with progress, stores it, and returns it again without recomputing', async () => {
    const temp = tempDataDir();
    cleanUp = temp.cleanUp;
    lab = await openTestLab(temp.dataDir);
    const [a, b, c] = await trainedRuns(lab);
    const progress: number[] = [];
    lab.events.subscribe((message) => {
      if (message.event === 'landscape.progress') progress.push(message.payload.done);
    });

    const started = await call(lab, 'landscape.start', {
      checkpoints: [
        { runId: a as number, kind: 'selected' },
        { runId: b as number, kind: 'selected' },
      ],
      points: 5,
    });
    expect(started).toMatchObject({ shape: 'line', status: 'running', points: 5 });
    const line = await finished(lab, started.id);
    expect(line.status).toBe('done');
    expect(line.recomputeBatchNorm).toBe(false); // no batch norm in this net
    if (line.result?.kind !== 'line')
      throw new Error(`expected a line, got ${JSON.stringify(line)}`);
    expect(line.result.points.map((p) => p.t)).toEqual([-0.25, 0, 0.125, 0.5, 0.875, 1, 1.25]);
    // One event per point while running, then the one that says it is done.
    expect(progress).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 7]);
    const atA = line.result.points[1];
    const selectedA = await call(lab, 'runs.get', { id: a as number });
    const bestA = selectedA.checkpoints.find((checkpoint) => checkpoint.kind === 'best');
    expect(atA?.valLoss).toBeCloseTo(bestA?.metrics['val.loss'] as number, 5);
    expect(line.result.barrier.train.height).toBeGreaterThanOrEqual(0);

    const again = await call(lab, 'landscape.start', {
      checkpoints: [
        { runId: a as number, kind: 'selected' },
        { runId: b as number, kind: 'selected' },
      ],
      points: 5,
    });
    expect(again).toEqual(line);

    const plane = await call(lab, 'landscape.start', {
      checkpoints: [a, b, c].map((runId) => ({ runId: runId as number, kind: 'best' as const })),
      points: 3,
    });
    const planeDone = await finished(lab, plane.id);
    expect(planeDone.result).toMatchObject({ kind: 'plane', basis: 'checkpoints' });
    expect(planeDone.result?.kind === 'plane' && planeDone.result.points).toHaveLength(9);

    const around = await call(lab, 'landscape.start', {
      checkpoints: [{ runId: c as number, kind: 'best' }],
      points: 2,
      seed: 3,
    });
    const aroundDone = await finished(lab, around.id);
    expect(aroundDone.result).toMatchObject({
      kind: 'plane',
      basis: 'random-directions',
      x: [-1, 1],
    });

    const noSnapshot = await reply(lab, 'landscape.start', {
      checkpoints: [{ runId: a, kind: 'snapshot', snapshot: 2 }],
    });
    expect(noSnapshot).toMatchObject({
      ok: false,
      error: {
        code: 'not_found',
        message: expect.stringMatching(/snapshot-2: run \d+ has 0 snapshots/),
      },
    });
    const noSwa = await reply(lab, 'landscape.start', { checkpoints: [{ runId: a, kind: 'swa' }] });
    expect(noSwa).toMatchObject({
      ok: false,
      error: { message: expect.stringMatching(/no SWA model/) },
    });
  }, 120_000);
});
