import type { PointScores, ScoredRows } from '@shared/contract/landscape';
import type { SplitPart } from '@shared/data/prepare/prepared';
import type { Task } from '@shared/experiment/spec';
import { accuracy } from '@shared/metrics';
import { recomputeBatchNorm } from '../../trainer/evaluate/recompute-batch-norm';
import { scoreSplit, type ScoringSetup } from '../../trainer/evaluate/score-split';
import { predictedClasses } from '../../trainer/evaluate/task-metrics';
import { loadWeights, type WeightSet } from '../../trainer/model/weight-sets';

export interface LandscapeData {
  task: Task;
  /** The training rows scored and used for batch-norm statistics (perhaps a sample). */
  train: SplitPart;
  /** Rows in the whole training split. */
  trainTotal: number;
  validation: SplitPart;
}

/** Scores whole weight sets (moving batch-norm statistics included) on train and validation. */
export interface LandscapeScorer {
  /** Whether scoring recomputes batch-norm statistics (asked for, and the net has batch norm). */
  readonly recomputesBatchNorm: boolean;
  readonly rows: ScoredRows;
  score(weights: WeightSet): Promise<PointScores>;
}

function accuracyOf(task: Task, part: SplitPart, predictions: Float32Array, columns: number) {
  if (task === 'regression' || task === 'count') return null;
  const result = accuracy(part.y, predictedClasses(predictions, columns));
  return result.defined ? result.value : null;
}

/**
 * Loads the weights into the network, recomputes the batch-norm statistics on the training rows
 * when asked (the trainer's update_bn twin, in its batch size), and scores both splits at
 * inference: the mean data loss and, for classification, the accuracy.
 */
export function createLandscapeScorer(
  setup: ScoringSetup,
  data: LandscapeData,
  batchNorm: { recompute: boolean; batchSize: number },
): LandscapeScorer {
  const hasBatchNorm = setup.network.steps.some(
    (step) => step.kind === 'batchNorm' && !step.frozen,
  );
  const recomputesBatchNorm = batchNorm.recompute && hasBatchNorm;
  return {
    recomputesBatchNorm,
    rows: {
      train: data.train.count,
      trainTotal: data.trainTotal,
      validation: data.validation.count,
    },
    async score(weights) {
      loadWeights(setup.network, weights);
      if (recomputesBatchNorm) {
        await recomputeBatchNorm(
          setup.network,
          data.train,
          setup.inputShape,
          setup.layout,
          batchNorm.batchSize,
        );
      }
      const train = await scoreSplit(setup, data.train, false);
      const validation = await scoreSplit(setup, data.validation, false);
      return {
        trainLoss: train.loss.defined ? train.loss.value : NaN,
        valLoss: validation.loss.defined ? validation.loss.value : NaN,
        trainAccuracy: accuracyOf(data.task, data.train, train.predictions, setup.columns),
        valAccuracy: accuracyOf(data.task, data.validation, validation.predictions, setup.columns),
      };
    },
  };
}
