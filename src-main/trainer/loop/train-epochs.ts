import { performance } from 'node:perf_hooks';
import * as tf from '@tensorflow/tfjs';
import type { Divergence } from '@shared/contract/trainer-protocol';
import { gpuErrors } from '../backend/webgpu-errors';
import { lbfgsOf, lbfgsStep } from '../optim/lbfgs-step';
import { batchTensors } from './batches';
import { diagnoseDivergence, divergenceMessage } from './divergence';
import { finishEpoch } from './epoch-end';
import { nextTfSeed, type RunContext } from './run-context';
import type { PartialEpoch, RunProgress } from './run-state';
import { trainStep } from './train-step';
import { writeResume } from './write-resume';

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
    const lbfgs = lbfgsOf(ctx, ctx.spec.optimization.optimizer);
    const outcome =
      lbfgs === null
        ? await trainStep(ctx.step, batch.x, batch.y, lr, progress.step, seeds)
        : await lbfgsStep(ctx.step, lbfgs, batch.x, batch.y, lr);
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
    // A GPU allocation that failed in this epoch left invalid buffers: its numbers mean nothing.
    gpuErrors.throwIfFailed();
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
