import { join } from 'node:path';
import type { SplitPart } from '@shared/data/prepare/prepared';
import type { Candidate, DoneMessage, EnsembleMessage } from '@shared/contract/trainer-protocol';
import { improves } from '@shared/training';
import { encodeLayersModel } from '../../checkpoints/layers-model.tfjs';
import { recomputeBatchNorm } from '../evaluate/recompute-batch-norm';
import { scoreSplit } from '../evaluate/score-split';
import { predictionMetrics, type KeyedMetrics } from '../evaluate/task-metrics';
import { testDiagnostics } from '../evaluate/test-diagnostics';
import { copyWeights, loadWeights, type WeightSet } from '../model/weight-sets';
import type { RunContext } from './run-context';
import type { RunProgress } from './run-state';

/** A candidate with what it takes to score it again on the test split. */
interface Scored {
  candidate: Candidate;
  predictTest: () => Promise<Float32Array>;
}

/** Validation or test metrics of predictions, scored as the epoch curve scores them. */
function metricsOf(
  ctx: RunContext,
  split: 'val' | 'test',
  part: SplitPart,
  predicted: Float32Array,
): KeyedMetrics {
  const { task } = ctx.data.facts;
  return predictionMetrics(split, task, ctx.scoring.loss, part.y, predicted, ctx.scoring.columns);
}

/** Scores the network's current weights on validation, saves them as `kind` and announces it. */
async function saveScoredCheckpoint(
  ctx: RunContext,
  kind: 'swa' | 'final',
  epoch: number,
): Promise<{ path: string; metrics: Record<string, number> }> {
  const { predictions } = await scoreSplit(ctx.scoring, ctx.data.validation, false);
  const { metrics } = metricsOf(ctx, 'val', ctx.data.validation, predictions);
  const model = await encodeLayersModel(ctx.step.network.model);
  const path = await ctx.folder.saveModel(kind, kind, model, epoch, metrics);
  await ctx.link.emit({ type: 'checkpoint', kind, epoch, path, metrics });
  return { path, metrics };
}

async function predictWith(
  ctx: RunContext,
  weights: WeightSet,
  part: SplitPart,
): Promise<Float32Array> {
  loadWeights(ctx.step.network, weights);
  return (await scoreSplit(ctx.scoring, part, false)).predictions;
}

/** The mean of the members' predictions (probabilities or values), member by member. */
async function meanPredictions(
  ctx: RunContext,
  members: readonly WeightSet[],
  part: SplitPart,
): Promise<Float32Array[]> {
  const running = new Float64Array(part.count * ctx.scoring.columns);
  const means: Float32Array[] = [];
  for (const weights of members) {
    const predicted = await predictWith(ctx, weights, part);
    for (let i = 0; i < running.length; i++)
      running[i] = (running[i] as number) + (predicted[i] as number);
    means.push(Float32Array.from(running, (sum) => sum / (means.length + 1)));
  }
  return means;
}

/**
 * The weights of the best epoch by the selection monitor, scored on validation the same way as the
 * other candidates (from predictions), so the choice compares like with like. A run that never
 * measured the monitor offers its final weights instead.
 */
async function bestEpochCandidate(
  ctx: RunContext,
  progress: RunProgress,
  final: Candidate,
): Promise<Scored> {
  const { best } = progress;
  const weights = progress.held.best;
  if (best === null || weights === null) {
    const finalWeights = await copyWeights(ctx.step.network);
    return { candidate: final, predictTest: () => predictWith(ctx, finalWeights, ctx.data.test) };
  }
  const val = metricsOf(
    ctx,
    'val',
    ctx.data.validation,
    await predictWith(ctx, weights, ctx.data.validation),
  );
  return {
    candidate: {
      kind: 'best-epoch',
      epoch: best.epoch,
      path: join(ctx.folder.root, 'best'),
      metrics: val.metrics,
    },
    predictTest: () => predictWith(ctx, weights, ctx.data.test),
  };
}

async function swaCandidate(ctx: RunContext, progress: RunProgress): Promise<Scored | null> {
  const swa = progress.held.swa;
  if (ctx.plan.swa === null || swa === null) return null;
  loadWeights(ctx.step.network, swa.weights);
  if (ctx.plan.swa.recomputeBatchNorm) {
    await recomputeBatchNorm(
      ctx.step.network,
      ctx.data.train,
      ctx.scoring.inputShape,
      ctx.scoring.layout,
      ctx.plan.batchSize,
    );
  }
  const weights = await copyWeights(ctx.step.network);
  const { path, metrics } = await saveScoredCheckpoint(ctx, 'swa', progress.epochsCompleted);
  return {
    candidate: { kind: 'swa', epoch: null, path, metrics },
    predictTest: () => predictWith(ctx, weights, ctx.data.test),
  };
}

async function ensembleCandidate(ctx: RunContext, progress: RunProgress): Promise<Scored | null> {
  const snapshots = progress.held.snapshots.slice(-ctx.plan.ensembleMembers);
  if (snapshots.length === 0) return null;
  // Newest first, so the m-th mean is the ensemble of the last m snapshots.
  const members = [...snapshots].reverse();
  const means = await meanPredictions(
    ctx,
    members.map((s) => s.weights),
    ctx.data.validation,
  );
  const byMemberCount = [];
  for (const [i, predicted] of means.entries()) {
    const { metrics: memberMetrics } = metricsOf(ctx, 'val', ctx.data.validation, predicted);
    byMemberCount.push({ members: i + 1, metrics: memberMetrics });
  }
  const metrics = byMemberCount.at(-1)?.metrics ?? {};
  const files = [];
  for (const snapshot of snapshots) {
    loadWeights(ctx.step.network, snapshot.weights);
    files.push({ epoch: snapshot.epoch, files: await encodeLayersModel(ctx.step.network.model) });
  }
  const classification = ctx.scoring.folded !== null;
  const rule: EnsembleMessage['rule'] = classification ? 'mean-probability' : 'mean-prediction';
  const { folder, memberFolders } = await ctx.folder.saveEnsemble(files, {
    rule,
    metrics,
    byMemberCount,
  });
  const message: EnsembleMessage = {
    type: 'ensemble',
    path: folder,
    members: snapshots.map((s, i) => ({ epoch: s.epoch, path: memberFolders[i] as string })),
    rule,
    metrics,
    byMemberCount,
  };
  await ctx.link.emit(message);
  return {
    candidate: { kind: 'snapshot-ensemble', epoch: null, path: folder, metrics },
    predictTest: async () =>
      (
        await meanPredictions(
          ctx,
          members.map((s) => s.weights),
          ctx.data.test,
        )
      ).at(-1) as Float32Array,
  };
}

/**
 * After the last epoch: restore early stopping's best weights if asked, save `final`, build the
 * candidates the strategy calls for (best epoch, SWA with recomputed batch-norm statistics, the
 * snapshot ensemble), choose by the selection monitor on validation, and only then score the chosen
 * model once on the test split.
 */
export async function finishRun(ctx: RunContext, progress: RunProgress): Promise<DoneMessage> {
  const startedAt = performance.now();
  const restored = ctx.plan.earlyStopping?.rule.restoreBestWeights
    ? progress.held.earlyStoppingBest
    : null;
  if (restored !== null) loadWeights(ctx.step.network, restored);
  const finalCheckpoint = await saveScoredCheckpoint(ctx, 'final', progress.epochsCompleted);
  const final: Candidate = {
    kind: 'best-epoch',
    epoch: progress.epochsCompleted,
    ...finalCheckpoint,
  };
  const bestEpoch = await bestEpochCandidate(ctx, progress, final);
  const scored: Scored[] = [bestEpoch];
  for (const build of [swaCandidate, ensembleCandidate]) {
    const candidate = await build(ctx, progress);
    if (candidate !== null) scored.push(candidate);
  }
  const { key, mode } = ctx.plan.selection;
  let selected = bestEpoch;
  for (const entry of scored) {
    const value = entry.candidate.metrics[key];
    const current = selected.candidate.metrics[key];
    if (value !== undefined && (current === undefined || improves(mode, value, current)))
      selected = entry;
  }
  const testPredictions = await selected.predictTest();
  const test = metricsOf(ctx, 'test', ctx.data.test, testPredictions);
  return {
    type: 'done',
    epochsCompleted: progress.epochsCompleted,
    stoppedEarly: progress.stoppedEarly,
    selected: selected.candidate,
    candidates: scored.map((s) => s.candidate),
    testMetrics: test.metrics,
    testUndefinedMetrics: test.undefinedMetrics,
    testDiagnostics: testDiagnostics(
      ctx.data.facts.task,
      ctx.data.preprocessing.target.classes,
      ctx.data.test.y,
      testPredictions,
      ctx.scoring.columns,
    ),
    wallTimeMs: performance.now() - startedAt + progress.wallTimeMs,
  };
}
