import { performance } from 'node:perf_hooks';
import * as tf from '@tensorflow/tfjs';
import type { Divergence, EpochMessage } from '@shared/contract/trainer-protocol';
import { addToSwaAverage, improves, observeEarlyStopping, shouldStop } from '@shared/training';
import { encodeLayersModel } from '../../checkpoints/layers-model.tfjs';
import { saveResume } from '../checkpoint/resume';
import { scoreSplit } from '../evaluate/score-split';
import { keyedMetrics } from '../evaluate/task-metrics';
import { copyWeights } from '../model/weight-sets';
import { batchTensors } from './batches';
import { diagnoseDivergence, divergenceMessage } from './divergence';
import { nextTfSeed, type RunContext } from './run-context';
import type { PartialEpoch, RunProgress } from './run-state';
import { trainStep } from './train-step';

export type LoopOutcome =
  | { kind: 'finished' }
  | { kind: 'cancelled'; resumePath: string }
  | { kind: 'diverged'; diagnosis: Divergence; message: string };

/** Lets IPC messages (a cancel) in between batches. */
const yieldToEventLoop = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

function startEpoch(ctx: RunContext): PartialEpoch {
  const { train } = ctx.data;
  return {
    order: ctx.rng.shuffle.permutation(train.count),
    batchesDone: 0,
    samplesDone: 0,
    lossSum: 0,
    predictions: new Float32Array(train.count * ctx.scoring.columns),
    lastLearningRate: ctx.learningRate.batchLr(),
    wallTimeMs: 0,
  };
}

function snapshotRng(ctx: RunContext): RunProgress['rng'] {
  return {
    shuffle: ctx.rng.shuffle.state(),
    dropout: ctx.rng.dropout.state(),
    noise: ctx.rng.noise.state(),
  };
}

/** Records the generators, schedule and monitor state in the progress before it is saved. */
function capture(ctx: RunContext, progress: RunProgress): RunProgress {
  progress.rng = snapshotRng(ctx);
  progress.learningRate = ctx.learningRate.state;
  progress.layerMonitor = ctx.layerMonitor.snapshot;
  return progress;
}

async function writeResume(ctx: RunContext, progress: RunProgress): Promise<string> {
  const path = await saveResume(
    ctx.folder,
    ctx.step.network.model,
    ctx.folder.identity.specHash,
    capture(ctx, progress),
    ctx.step.optimizer,
  );
  await ctx.link.emit({
    type: 'checkpoint',
    kind: 'resume',
    epoch: progress.epochsCompleted,
    path,
    metrics: {},
  });
  return path;
}

type BatchesOutcome =
  { kind: 'done' } | { kind: 'cancelled' } | { kind: 'diverged'; diagnosis: Divergence };

/** The remaining batches of the epoch in `progress.partial`, one optimisation step each, timed. */
async function trainBatches(
  ctx: RunContext,
  progress: RunProgress,
  partial: PartialEpoch,
): Promise<BatchesOutcome> {
  const seeds = {
    dropout: () => nextTfSeed(ctx.rng.dropout),
    noise: () => nextTfSeed(ctx.rng.noise),
  };
  const started = performance.now();
  try {
    return await batchLoop(ctx, progress, partial, seeds);
  } finally {
    partial.wallTimeMs += performance.now() - started;
  }
}

async function batchLoop(
  ctx: RunContext,
  progress: RunProgress,
  partial: PartialEpoch,
  seeds: { dropout: () => number; noise: () => number },
): Promise<BatchesOutcome> {
  const { train } = ctx.data;
  const { batchSize, stepsPerEpoch } = ctx.plan;
  const columns = ctx.scoring.columns;
  while (partial.batchesDone < stepsPerEpoch) {
    if (ctx.link.cancelRequested()) return { kind: 'cancelled' };
    const rows = partial.order.subarray(
      partial.batchesDone * batchSize,
      Math.min(train.count, (partial.batchesDone + 1) * batchSize),
    );
    const lr = ctx.learningRate.batchLr();
    const batch = batchTensors(train, ctx.scoring.inputShape, rows, ctx.scoring.layout);
    const outcome = await trainStep(ctx.step, batch.x, batch.y, lr, progress.step, seeds);
    tf.dispose([batch.x, batch.y]);
    const badGradient = outcome.gradientSquares.some((value) => !Number.isFinite(value));
    if (!Number.isFinite(outcome.loss) || badGradient) {
      const where = {
        epoch: progress.epochsCompleted + 1,
        batch: partial.batchesDone,
        learningRate: lr,
        cause: Number.isFinite(outcome.loss) ? ('gradient' as const) : ('loss' as const),
      };
      const clipping = ctx.step.clipping.kind !== 'none';
      return {
        kind: 'diverged',
        diagnosis: diagnoseDivergence(where, ctx.layerMonitor.explosion(outcome), clipping),
      };
    }
    ctx.layerMonitor.add(outcome);
    partial.predictions.set(outcome.predictions, partial.samplesDone * columns);
    partial.lossSum += outcome.loss * rows.length;
    partial.samplesDone += rows.length;
    partial.batchesDone += 1;
    partial.lastLearningRate = lr;
    ctx.learningRate.endBatch();
    progress.step += 1;
    await yieldToEventLoop();
  }
  return { kind: 'done' };
}

/** Scores the epoch, steps every epoch-level rule, keeps weights that later candidates need. */
async function finishEpoch(
  ctx: RunContext,
  progress: RunProgress,
  partial: PartialEpoch,
): Promise<BatchesOutcome> {
  const started = performance.now();
  const { task } = ctx.data.facts;
  const epochIndex = progress.epochsCompleted;
  const epoch = epochIndex + 1;
  const trainTargets = Float32Array.from(partial.order, (row) => ctx.data.train.y[row] as number);
  const train = keyedMetrics(
    'train',
    task,
    partial.lossSum / partial.samplesDone,
    trainTargets,
    partial.predictions,
    ctx.scoring.columns,
  );
  const validation = await scoreSplit(ctx.scoring, ctx.data.validation, true);
  if (!Number.isFinite(validation.loss) && ctx.data.validation.count > 0) {
    const where = {
      epoch,
      batch: ctx.plan.stepsPerEpoch - 1,
      learningRate: partial.lastLearningRate,
      cause: 'validation-loss' as const,
    };
    const explosion = { layer: null, layerGradientNorm: null, typicalGradientNorm: null };
    return {
      kind: 'diverged',
      diagnosis: diagnoseDivergence(where, explosion, ctx.step.clipping.kind !== 'none'),
    };
  }
  const val = keyedMetrics(
    'val',
    task,
    validation.loss,
    ctx.data.validation.y,
    validation.predictions,
    ctx.scoring.columns,
  );
  const metrics = { ...train.metrics, ...val.metrics };
  const swaActive = ctx.plan.swa !== null && epochIndex >= ctx.plan.swa.startEpoch;

  const stopping = ctx.plan.earlyStopping;
  if (stopping !== null && progress.earlyStopping !== null) {
    progress.earlyStopping = observeEarlyStopping(
      stopping.rule,
      progress.earlyStopping,
      epochIndex,
      metrics[stopping.monitor],
    );
    if (stopping.rule.restoreBestWeights && progress.earlyStopping.bestEpoch === epochIndex) {
      progress.held.earlyStoppingBest = await copyWeights(ctx.step.network);
    }
  }
  const plateauMonitor = ctx.learningRate.plateauMonitor;
  const plateauValue = plateauMonitor === null ? undefined : metrics[plateauMonitor];
  if (plateauMonitor !== null && plateauValue === undefined) {
    throw new Error(
      `reduce-on-plateau monitors ${plateauMonitor}, which this run does not report (it reports ${Object.keys(metrics).join(', ')})`,
    );
  }
  ctx.learningRate.endEpoch(plateauValue);
  if (swaActive) {
    const previous = progress.held.swa;
    const next = addToSwaAverage(
      previous === null ? null : previous,
      await copyWeights(ctx.step.network),
    );
    progress.held.swa = { weights: [...next.weights], count: next.count };
  }

  const message: EpochMessage = {
    type: 'epoch',
    epoch,
    step: progress.step,
    metrics,
    undefinedMetrics: { ...train.undefinedMetrics, ...val.undefinedMetrics },
    learningRate: partial.lastLearningRate,
    swa: swaActive,
    layers: ctx.layerMonitor.finishEpoch(validation.deadRelu),
    wallTimeMs: partial.wallTimeMs + (performance.now() - started),
    samplesPerSecond:
      partial.wallTimeMs > 0 ? (partial.samplesDone / partial.wallTimeMs) * 1000 : 0,
  };
  progress.history.push(message);
  progress.wallTimeMs += message.wallTimeMs;
  await ctx.link.emit(message);

  const { key, mode } = ctx.plan.selection;
  const value = metrics[key];
  if (
    value !== undefined &&
    (progress.best === null || improves(mode, value, progress.best.value))
  ) {
    progress.best = { epoch, value };
    progress.held.best = await copyWeights(ctx.step.network);
    const path = await ctx.folder.saveModel(
      'best',
      'best',
      await encodeLayersModel(ctx.step.network.model),
      epoch,
      val.metrics,
    );
    await ctx.link.emit({ type: 'checkpoint', kind: 'best', epoch, path, metrics: val.metrics });
  }
  if (ctx.plan.snapshotEpochs.includes(epochIndex)) {
    progress.held.snapshots.push({ epoch, weights: await copyWeights(ctx.step.network) });
    const name = `snapshot-${String(progress.held.snapshots.length).padStart(2, '0')}`;
    const path = await ctx.folder.saveModel(
      'snapshot',
      name,
      await encodeLayersModel(ctx.step.network.model),
      epoch,
      val.metrics,
    );
    await ctx.link.emit({
      type: 'checkpoint',
      kind: 'snapshot',
      epoch,
      path,
      metrics: val.metrics,
    });
  }
  progress.epochsCompleted = epoch;
  progress.partial = null;
  if (progress.earlyStopping !== null && shouldStop(progress.earlyStopping))
    progress.stoppedEarly = true;
  await writeResume(ctx, progress);
  return { kind: 'done' };
}

/**
 * Trains from wherever `progress` stands to the last epoch (or until early stopping), writing a
 * resume checkpoint after every epoch, and answering a cancel at the next batch boundary.
 */
export async function trainEpochs(ctx: RunContext, progress: RunProgress): Promise<LoopOutcome> {
  while (progress.epochsCompleted < ctx.plan.epochs && !progress.stoppedEarly) {
    if (progress.partial === null) {
      ctx.learningRate.beginEpoch(progress.epochsCompleted);
      progress.partial = startEpoch(ctx);
    }
    const partial = progress.partial;
    const batches = await trainBatches(ctx, progress, partial);
    if (batches.kind === 'cancelled')
      return { kind: 'cancelled', resumePath: await writeResume(ctx, progress) };
    const outcome = batches.kind === 'done' ? await finishEpoch(ctx, progress, partial) : batches;
    if (outcome.kind === 'diverged') {
      return {
        kind: 'diverged',
        diagnosis: outcome.diagnosis,
        message: divergenceMessage(outcome.diagnosis),
      };
    }
  }
  return { kind: 'finished' };
}
