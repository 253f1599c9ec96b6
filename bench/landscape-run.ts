import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { dispatch } from '@shared/contract/dispatch';
import type { Reply } from '@shared/contract/envelope';
import type { LabMethod, ParamsOf, ResultOf } from '@shared/contract/lab-api';
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

/** The trainer benchmark's Fashion-MNIST MLP: 54k training and 6k validation rows. */
const spec = {
  schemaVersion: 1,
  name: 'landscape bench',
  data: { source: { kind: 'builtin', dataset: 'fashion-mnist' } },
  split: { kind: 'holdout', train: 0.9, validation: 0.1, test: 0, seed: 0 },
  model: {
    layers: [
      { type: 'flatten' },
      { type: 'dense', units: 256 },
      { type: 'batchNorm', momentum: 0.9, epsilon: 1e-5 },
      { type: 'activation', activation: 'relu' },
      { type: 'dropout', rate: 0.2 },
      { type: 'dense', units: 128, activation: 'relu' },
      { type: 'dropout', rate: 0.2 },
      { type: 'dense', units: 10, activation: 'softmax' },
    ],
  },
  optimization: { optimizer: { kind: 'adam', learningRate: 1e-3 }, schedule: { kind: 'constant' } },
  training: { epochs: 1, batchSize: 128, seed: 0, backend: 'wasm' },
  strategy: { restarts: { count: 2 } },
};

async function finished(lab: LabCore, experimentId: number): Promise<number[]> {
  for (;;) {
    const { runs } = await call(lab, 'runs.list', { experimentId });
    if (runs.every((run) => run.status === 'succeeded')) return runs.map((run) => run.id);
    if (runs.some((run) => ['failed', 'diverged', 'cancelled'].includes(run.status))) {
      throw new Error(`a run ended badly: ${runs.map((run) => run.status).join(', ')}`);
    }
    await new Promise((done) => setTimeout(done, 500));
  }
}

export default async function bench(points: number): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'basin-landscape-bench-'));
  const paths = builtPaths(resolve(import.meta.dirname, '..', 'out', 'main'));
  const lab = await createLabCore({
    dataDir: join(root, 'data'),
    probeScript: paths.probeScript,
    trainerScript: paths.trainerScript,
    evaluatorScript: paths.evaluatorScript,
    landscapeScript: paths.landscapeScript,
    resourcesDir: paths.resourcesDir,
    devices: { cpuSlots: 2, gpus: [] },
  });
  try {
    process.stderr.write('Training two restarts of the Fashion-MNIST MLP for one epoch…\n');
    const experiment = await call(lab, 'experiments.create', { spec });
    await call(lab, 'experiments.launch', { id: experiment.id });
    const [a, b] = await finished(lab, experiment.id);
    await lab.experimentSettled(experiment.id);

    const started = performance.now();
    let firstPoint: number | null = null;
    let total = 0;
    const done = new Promise<void>((resolveDone) =>
      lab.events.subscribe(({ event, payload }) => {
        if (event !== 'landscape.progress') return;
        total = payload.total;
        if (payload.done === 1 && firstPoint === null) firstPoint = performance.now() - started;
        if (payload.status !== 'running') resolveDone();
      }),
    );
    const landscape = await call(lab, 'landscape.start', {
      checkpoints: [
        { runId: a as number, kind: 'best' },
        { runId: b as number, kind: 'best' },
      ],
      points,
    });
    await done;
    const seconds = (performance.now() - started) / 1000;
    const result = await call(lab, 'landscape.get', { id: landscape.id });
    if (result.status !== 'done') throw new Error(`the landscape failed: ${result.error}`);
    const firstSeconds = (firstPoint ?? 0) / 1000;
    const rows = [
      ['machine', `${cpus().length} × ${cpus()[0]?.model ?? '?'}`],
      ['points asked / scored', `${points} / ${total} (t = 0 and 1 added when off the grid)`],
      ['batch norm recomputed', String(result.recomputeBatchNorm)],
      ['total (child start to last point)', `${seconds.toFixed(1)} s`],
      ['until the first point (start, data, weights, 1 point)', `${firstSeconds.toFixed(1)} s`],
      [
        'per point after the first',
        `${((seconds - firstSeconds) / Math.max(1, total - 1)).toFixed(2)} s`,
      ],
      [
        'barrier (train / validation)',
        result.result?.kind === 'line'
          ? `${result.result.barrier.train.height.toFixed(4)} / ${result.result.barrier.validation.height.toFixed(4)}`
          : '?',
      ],
    ];
    const width = Math.max(...rows.map(([name]) => (name ?? '').length));
    process.stdout.write(
      `${rows.map(([name, value]) => `${(name ?? '').padEnd(width)}  ${value}`).join('\n')}\n`,
    );
  } finally {
    await lab.close();
    rmSync(root, { recursive: true, force: true });
  }
}
