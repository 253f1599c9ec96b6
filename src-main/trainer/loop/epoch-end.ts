import { performance } from 'node:perf_hooks';
import type { CheckpointKind, Divergence, EpochMessage } from '@shared/contract/trainer-protocol';
import { addToSwaAverage, improves, observeEarlyStopping, shouldStop } from '@shared/training';
import { encodeLayersModel } from '../../checkpoints/layers-model.tfjs';
import { scoreSplit, type SplitScores } from '../evaluate/score-split';
import { keyedMetrics, type KeyedMetrics } from '../evaluate/task-metrics';
import { trainSplitMetrics } from '../evaluate/train-split-metrics';
import { copyWeights } from '../model/weight-sets';
import { lbfgsCurves } from '../optim/lbfgs-step';
import { diagnoseDivergence } from './divergence';
import type { RunContext } from './run-context';
import type { PartialEpoch, RunProgress } from './run-state';
import { writeResume } from './write-resume';

/** What scoring an epoch hands every epoch-end step. */
export interface EpochEnd {
  readonly ctx: RunContext;
  readonly progress: RunProgress;
  readonly partial: PartialEpoch;
  /** 0-based, as the pure rules count. */
  readonly epochIndex: number;
  /** 1-based, as messages and checkpoints count. */
  readonly epoch: number;
  readonly train: KeyedMetrics;
  readonly val: KeyedMetrics;
  readonly validation: SplitScores;
  /** Train and validation metrics together, keyed `<split>.<metric>`. */
  readonly metrics: Record<string, number>;
  readonly swaActive: boolean;
  /** When scoring began, for the epoch's wall time. */
  readonly started: number;
}

type EpochEndStep = (end: EpochEnd) => void | Promise<void>;

/** Scores the finished epoch on train (from the batches) and validation; null past divergence. */
async function scoreEpoch(
  ctx: RunContext,
  progress: RunProgress,
  partial: PartialEpoch,
): Promise<EpochEnd | { diverged: Divergence }> {
  const started = performance.now();
  const { task } = ctx.data.facts;
  const epochIndex = progress.epochsCompleted;
  const epoch = epochIndex + 1;
  const train = trainSplitMetrics({
    task,
    loss: partial.lossSum / partial.samplesDone,
    order: partial.order,
    targets: ctx.data.train.y,
    predictions: partial.predictions,
    columns: ctx.scoring.columns,
  });
  const validation = await scoreSplit(ctx.scoring, ctx.data.validation, true);
  if (!validation.loss.defined && ctx.data.validation.count > 0) {
    const where = {
      epoch,
      batch: ctx.plan.stepsPerEpoch - 1,
      learningRate: partial.lastLearningRate,
      cause: 'validation-loss' as const,
    };
    const explosion = { layer: null, layerGradientNorm: null, typicalGradientNorm: null };
    const clipping = ctx.step.clipping.kind !== 'none';
    return { diverged: diagnoseDivergence(where, explosion, clipping) };
  }
  const val = keyedMetrics(
    'val',
    task,
    validation.loss,
    ctx.data.validation.y,
    validation.predictions,
    ctx.scoring.columns,
  );
  return {
    ctx,
    progress,
    partial,
    epochIndex,
    epoch,
    train,
    val,
    validation,
    metrics: { ...train.metrics, ...val.metrics, ...lbfgsCurves(ctx) },
    swaActive: ctx.plan.swa !== null && epochIndex >= ctx.plan.swa.startEpoch,
    started,
  };
}

/** Keras EarlyStopping; keeps the weights it may restore. */
const earlyStopping: EpochEndStep = async ({ ctx, progress, epochIndex, metrics }) => {
  const stopping = ctx.plan.earlyStopping;
  if (stopping === null || progress.earlyStopping === null) return;
  progress.earlyStopping = observeEarlyStopping(
    stopping.rule,
    progress.earlyStopping,
    epochIndex,
    metrics[stopping.monitor],
  );
  if (stopping.rule.restoreBestWeights && progress.earlyStopping.bestEpoch === epochIndex) {
    progress.held.earlyStoppingBest = await copyWeights(ctx.step.network);
  }
};

/** Ends the epoch of the learning-rate stepper; reduce-on-plateau reads its monitor here. */
const learningRate: EpochEndStep = ({ ctx, metrics }) => {
  const plateauMonitor = ctx.learningRate.plateauMonitor;
  const plateauValue = plateauMonitor === null ? undefined : metrics[plateauMonitor];
  if (plateauMonitor !== null && plateauValue === undefined) {
    throw new Error(
      `reduce-on-plateau monitors ${plateauMonitor}, which this run does not report (it reports ${Object.keys(metrics).join(', ')})`,
    );
  }
  ctx.learningRate.endEpoch(plateauValue);
};

/** Adds the epoch's weights to SWA's running mean once SWA has started. */
const swaAverage: EpochEndStep = async ({ ctx, progress, swaActive }) => {
  if (!swaActive) return;
  const next = addToSwaAverage(progress.held.swa, await copyWeights(ctx.step.network));
  progress.held.swa = { weights: [...next.weights], count: next.count };
};

/** The epoch message the lab records. */
const announceEpoch: EpochEndStep = async (end) => {
  const { ctx, progress, partial } = end;
  const message: EpochMessage = {
    type: 'epoch',
    epoch: end.epoch,
    step: progress.step,
    metrics: end.metrics,
    undefinedMetrics: { ...end.train.undefinedMetrics, ...end.val.undefinedMetrics },
    learningRate: partial.lastLearningRate,
    swa: end.swaActive,
    layers: ctx.layerMonitor.finishEpoch(end.validation.deadRelu),
    wallTimeMs: partial.wallTimeMs + (performance.now() - end.started),
    samplesPerSecond:
      partial.wallTimeMs > 0 ? (partial.samplesDone / partial.wallTimeMs) * 1000 : 0,
  };
  progress.history.push(message);
  progress.wallTimeMs += message.wallTimeMs;
  await ctx.link.emit(message);
};

async function saveCheckpoint(end: EpochEnd, kind: CheckpointKind, name: string): Promise<void> {
  const { ctx, epoch, val } = end;
  const model = await encodeLayersModel(ctx.step.network.model);
  const path = await ctx.folder.saveModel(kind, name, model, epoch, val.metrics);
  await ctx.link.emit({ type: 'checkpoint', kind, epoch, path, metrics: val.metrics });
}

/** Keras ModelCheckpoint(save_best_only) on the selection monitor. */
const bestCheckpoint: EpochEndStep = async (end) => {
  const { ctx, progress, epoch } = end;
  const { key, mode } = ctx.plan.selection;
  const value = end.metrics[key];
  if (
    value === undefined ||
    (progress.best !== null && !improves(mode, value, progress.best.value))
  )
    return;
  progress.best = { epoch, value };
  progress.held.best = await copyWeights(ctx.step.network);
  await saveCheckpoint(end, 'best', 'best');
};

/** At the end of each cosine cycle of a snapshot ensemble. */
const snapshot: EpochEndStep = async (end) => {
  const { ctx, progress, epoch } = end;
  if (!ctx.plan.snapshotEpochs.includes(end.epochIndex)) return;
  progress.held.snapshots.push({ epoch, weights: await copyWeights(ctx.step.network) });
  const name = `snapshot-${String(progress.held.snapshots.length).padStart(2, '0')}`;
  await saveCheckpoint(end, 'snapshot', name);
};

/** The epoch is complete: count it and decide whether training stops here. */
const completeEpoch: EpochEndStep = ({ progress, epoch }) => {
  progress.epochsCompleted = epoch;
  progress.partial = null;
  if (progress.earlyStopping !== null && shouldStop(progress.earlyStopping))
    progress.stoppedEarly = true;
};

/** Last, so a resumed run starts from everything the steps above decided. */
const resumeCheckpoint: EpochEndStep = async ({ ctx, progress }) => {
  await writeResume(ctx, progress);
};

/**
 * The epoch end as an ordered list of small steps over the pure rules, like a Keras CallbackList's
 * on_epoch_end: the order is the contract (the rules see the epoch before the message is sent; the
 * message goes before its checkpoints; the resume checkpoint comes last).
 */
const epochEndSteps: readonly EpochEndStep[] = [
  earlyStopping,
  learningRate,
  swaAverage,
  announceEpoch,
  bestCheckpoint,
  snapshot,
  completeEpoch,
  resumeCheckpoint,
];

/** Scores the epoch, then runs every epoch-end step in order; stops short on divergence. */
export async function finishEpoch(
  ctx: RunContext,
  progress: RunProgress,
  partial: PartialEpoch,
): Promise<{ kind: 'done' } | { kind: 'diverged'; diagnosis: Divergence }> {
  const end = await scoreEpoch(ctx, progress, partial);
  if ('diverged' in end) return { kind: 'diverged', diagnosis: end.diverged };
  for (const step of epochEndSteps) await step(end);
  return { kind: 'done' };
}
