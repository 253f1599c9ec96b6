import { createHash } from 'node:crypto';
import * as tf from '@tensorflow/tfjs';
import {
  TRAINER_PROTOCOL_VERSION,
  type ReadyMessage,
  type StartMessage,
} from '@shared/contract/trainer-protocol';
import type { PreparedDataset } from '@shared/data/prepare/prepared';
import { canonicalJson, resolve, validateSpec, type ResolvedSpec } from '@shared/experiment';
import { mixSeeds } from '@shared/experiment/seeds';
import { inferModelShape } from '@shared/experiment/shapes';
import type { WebgpuAdapter } from '@shared/contract/system';
import { gpuMemoryProblem, memoryNeeds } from '@shared/devices/gpu-memory';
import { Rng } from '@shared/random';
import { startEarlyStopping } from '@shared/training';
import { loadDataset } from '../data/load-dataset';
import { provideKernels, type KernelResolution } from './backend/required-kernels';
import { selectBackend, type BackendSelection } from './backend/select-backend';
import { readNamedWeights } from '../checkpoints/layers-model.tfjs';
import { loadResume } from './checkpoint/resume';
import type { OutputMeaning } from '@shared/contract/checkpoint-sidecar';
import { RunFolder } from '../checkpoints/run-folder';
import { LayerMonitor } from './loop/layer-monitor';
import { LearningRateStepper } from '@shared/schedules';
import type { RunContext, TrainerLink } from './loop/run-context';
import { planRun } from './loop/run-plan';
import type { RunProgress } from './loop/run-state';
import { foldedActivation } from './model/forward';
import { initializeNetwork } from './model/initialize';
import { buildNetwork, type Network } from './model/network';
import { autoOutputBias } from './model/output-bias';
import { trainableParameters } from './model/parameters';
import { assignByName } from './model/weight-sets';
import { Optimizer } from './optim/optimizer';
import { phase, TrainerFailure } from './trainer-failure';

/** Independent generator streams, so turning one feature on does not shift another's draws. */
const STREAM = { init: 1, shuffle: 2, dropout: 3, noise: 4 } as const;

async function readSpecAndData(
  start: StartMessage,
): Promise<{ spec: ResolvedSpec; data: PreparedDataset; warnings: string[] }> {
  const draft = await phase('invalid_spec', () => resolve(start.spec));
  const data = await phase('data_error', () =>
    loadDataset(draft.data, draft.split, {
      resourcesDir: start.data.resourcesDir,
      ...(start.data.fashionMnistDir === null
        ? {}
        : { fashionMnistDir: start.data.fashionMnistDir }),
      fold: start.fold ?? 0,
    }),
  );
  const validation = validateSpec(start.spec, data.facts);
  if (!validation.ok) {
    const errors = validation.problems.filter((problem) => problem.severity === 'error');
    throw new TrainerFailure(
      'invalid_spec',
      `The spec does not fit its data:\n${errors.map((p) => `- ${p.text}`).join('\n')}`,
    );
  }
  return { spec: validation.spec, data, warnings: validation.warnings.map((w) => w.text) };
}

/** Picks the backend, then makes sure it has every kernel the model needs or moves the run to cpu. */
async function chooseBackend(
  spec: ResolvedSpec,
): Promise<{ selection: BackendSelection; kernels: KernelResolution[] }> {
  const forced = spec.training.backend === 'auto' ? null : spec.training.backend;
  const selection = await phase('backend_unavailable', () =>
    selectBackend({
      forced,
      cudaVisibleDevices: process.env.CUDA_VISIBLE_DEVICES,
      webgpuSlot: process.env.BASIN_WEBGPU_SLOT,
    }),
  );
  const { registered, missing } = provideKernels(spec.model.layers, tf.getBackend());
  if (missing.length === 0) return { selection, kernels: registered };
  const moved = await phase('backend_unavailable', () =>
    selectBackend({ forced: 'cpu', cudaVisibleDevices: undefined }),
  );
  const detail = `${selection.backend} has no ${missing.join(', ')}, which this model needs to train; the run moved to cpu`;
  return {
    selection: {
      ...moved,
      skipped: [...selection.skipped, { backend: selection.backend, reason: detail }],
    },
    kernels: [
      ...registered,
      ...missing.map((kernel) => ({ kernel, resolution: 'moved-backend' as const, detail })),
    ],
  };
}

/** On a GPU adapter, a model whose largest tensor cannot fit one buffer fails before it starts. */
function requireGpuMemory(
  spec: ResolvedSpec,
  data: PreparedDataset,
  adapter: WebgpuAdapter | null,
): void {
  if (adapter === null) return;
  const shape = inferModelShape(spec.model.layers, data.facts.inputShape);
  const { batchSize } = spec.training;
  const rows = batchSize === 'full' ? data.train.count : batchSize;
  const problem = gpuMemoryProblem(memoryNeeds(shape, rows), adapter);
  if (problem !== null) throw new TrainerFailure('out_of_memory', `Out of GPU memory: ${problem}`);
}

function outputMeaning(network: Network, spec: ResolvedSpec): OutputMeaning {
  const folded = foldedActivation(network);
  if (folded === 'softmax') return 'class-probabilities';
  if (folded === 'sigmoid') return 'positive-probability';
  const loss = spec.optimization.loss;
  return loss !== 'auto' && loss.kind === 'poisson' ? 'log-rate' : 'value';
}

async function warmStart(network: Network, spec: ResolvedSpec, link: TrainerLink): Promise<void> {
  const source = spec.model.warmStart;
  if (source === null) return;
  const saved = await phase('invalid_spec', () => readNamedWeights(source.checkpoint));
  const { loaded, skipped } = assignByName(network, saved);
  tf.dispose(Object.values(saved));
  if (loaded.length === 0) {
    throw new TrainerFailure(
      'invalid_spec',
      `model.warmStart.checkpoint: no weight in ${source.checkpoint} matches this model by name and shape`,
    );
  }
  await link.emit({
    type: 'log',
    level: 'info',
    message: `Warm start from ${source.checkpoint}: loaded ${loaded.join(', ')}${skipped.length > 0 ? `; kept the initial ${skipped.join(', ')}` : ''}.`,
  });
}

export interface PreparedRun {
  ctx: RunContext;
  progress: RunProgress;
  ready: ReadyMessage;
}

/** From a `start` message to a model ready for its first (or next) batch. */
export async function prepareRun(start: StartMessage, link: TrainerLink): Promise<PreparedRun> {
  const { spec, data, warnings } = await readSpecAndData(start);
  for (const warning of warnings) await link.emit({ type: 'log', level: 'warn', message: warning });
  const { selection, kernels } = await chooseBackend(spec);
  requireGpuMemory(spec, data, selection.adapter);

  const { layers } = spec.model;
  const network = await phase('invalid_spec', () => buildNetwork(layers, data.facts.inputShape));
  const columns = network.model.outputs[0]?.shape.at(-1) ?? 1;
  const loss = spec.optimization.loss;
  if (loss === 'auto')
    throw new TrainerFailure(
      'invalid_spec',
      'optimization.loss is still "auto" after the task was read',
    );
  const seed = spec.training.seed;
  const bias =
    spec.model.outputBias === 'auto'
      ? autoOutputBias(data.facts.task, data.train.y, columns)
      : null;
  initializeNetwork(network, layers, Rng.fromSeed(mixSeeds(seed, STREAM.init)), bias);
  await warmStart(network, spec, link);

  const parameters = trainableParameters(network, layers);
  const optimizer = new Optimizer(
    spec.optimization.optimizer,
    parameters.map((p) => p.variable),
  );
  const plan = planRun(spec, data.train.count);
  const specHash = createHash('sha256').update(canonicalJson(spec)).digest('hex');
  const folder = new RunFolder(start.checkpointDir, {
    runId: start.runId,
    specHash,
    task: data.facts.task,
    inputShape: data.facts.inputShape,
    output: outputMeaning(network, spec),
    preprocessing: data.preprocessing,
    backend: selection.backend,
  });
  const folded = foldedActivation(network);
  const layerNames = network.layerNames.filter((name) => parameters.some((p) => p.owner === name));
  const ctxBase = {
    runId: start.runId,
    spec,
    data,
    plan,
    step: {
      network,
      parameters,
      optimizer,
      loss,
      folded,
      clipping: spec.training.gradientClipping,
      noise: spec.training.gradientNoise,
    },
    scoring: {
      network,
      loss,
      folded,
      inputShape: data.facts.inputShape,
      layout:
        loss.kind === 'categoricalCrossentropy'
          ? ({ kind: 'oneHot', classes: columns } as const)
          : ({ kind: 'column' } as const),
      columns,
    },
    folder,
    link,
  };

  let progress: RunProgress;
  let learningRate: LearningRateStepper;
  let layerMonitor: LayerMonitor;
  let rng: RunContext['rng'];
  if (start.resumeFrom === null) {
    learningRate = new LearningRateStepper(plan.schedule, plan.swa);
    layerMonitor = new LayerMonitor(
      layerNames,
      parameters.map((p) => p.owner),
    );
    rng = {
      shuffle: Rng.fromSeed(mixSeeds(seed, STREAM.shuffle)),
      dropout: Rng.fromSeed(mixSeeds(seed, STREAM.dropout)),
      noise: Rng.fromSeed(mixSeeds(seed, STREAM.noise)),
    };
    progress = {
      epochsCompleted: 0,
      step: 0,
      learningRate: learningRate.state,
      earlyStopping: plan.earlyStopping === null ? null : startEarlyStopping(),
      stoppedEarly: false,
      rng: { shuffle: rng.shuffle.state(), dropout: rng.dropout.state(), noise: rng.noise.state() },
      layerMonitor: layerMonitor.snapshot,
      history: [],
      best: null,
      partial: null,
      held: { best: null, earlyStoppingBest: null, swa: null, snapshots: [] },
      wallTimeMs: 0,
    };
  } else {
    const resumeFrom = start.resumeFrom;
    const saved = await phase('resume_failed', () => loadResume(resumeFrom, specHash));
    const { loaded, skipped } = assignByName(network, saved.weights);
    tf.dispose(Object.values(saved.weights));
    if (skipped.length > 0) {
      throw new TrainerFailure(
        'resume_failed',
        `${resumeFrom} lacks weights of this model: ${skipped.join(', ')} (loaded ${loaded.length})`,
      );
    }
    await phase('resume_failed', () => optimizer.importState(saved.optimizer));
    tf.dispose(Object.values(saved.optimizer.slots));
    progress = saved.progress;
    learningRate = new LearningRateStepper(plan.schedule, plan.swa, progress.learningRate);
    layerMonitor = new LayerMonitor(
      layerNames,
      parameters.map((p) => p.owner),
      progress.layerMonitor,
    );
    rng = {
      shuffle: Rng.fromState(progress.rng.shuffle),
      dropout: Rng.fromState(progress.rng.dropout),
      noise: Rng.fromState(progress.rng.noise),
    };
    folder.adoptResume(resumeFrom);
  }

  const ctx: RunContext = { ...ctxBase, learningRate, layerMonitor, rng };
  const trainable = parameters.reduce((total, p) => total + p.variable.size, 0);
  const ready: ReadyMessage = {
    type: 'ready',
    version: TRAINER_PROTOCOL_VERSION,
    runId: start.runId,
    backend: selection.backend,
    device: selection.device,
    adapter: selection.adapter,
    tfjsVersion: tf.version.tfjs,
    skipped: selection.skipped,
    kernels,
    resumedAfterEpoch: start.resumeFrom === null ? null : progress.epochsCompleted,
    parameters: { trainable, total: network.model.countParams() },
  };
  return { ctx, progress, ready };
}
