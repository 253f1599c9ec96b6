import type { EpochMessage } from '@shared/contract/trainer-protocol';
import type { RngState } from '@shared/random';
import type { EarlyStoppingState } from '@shared/training';
import type { WeightSet } from '../model/weight-sets';
import type { LayerMonitorState } from './layer-monitor';
import type { LearningRateState } from '@shared/schedules';

/** An epoch interrupted at a batch boundary: what its remaining batches and its summary need. */
export interface PartialEpoch {
  /** The epoch's shuffled order of training rows. */
  order: Uint32Array;
  batchesDone: number;
  samplesDone: number;
  /** Σ batch loss × batch size. */
  lossSum: number;
  /** Training-mode predictions of the rows done, in `order`. */
  predictions: Float32Array;
  lastLearningRate: number;
  wallTimeMs: number;
}

/** Weight sets held in memory beside the live model. */
export interface HeldWeights {
  /** At the best epoch by the selection monitor. */
  best: WeightSet | null;
  /** At early stopping's best epoch, for restore-best. */
  earlyStoppingBest: WeightSet | null;
  /** The SWA running mean and how many epochs went into it. */
  swa: { weights: WeightSet; count: number } | null;
  snapshots: { epoch: number; weights: WeightSet }[];
}

/** Everything that decides how a run continues; saved whole with every resume checkpoint. */
export interface RunProgress {
  epochsCompleted: number;
  /** Batches trained so far in the run. */
  step: number;
  learningRate: LearningRateState;
  earlyStopping: EarlyStoppingState | null;
  stoppedEarly: boolean;
  rng: { shuffle: RngState; dropout: RngState; noise: RngState };
  layerMonitor: LayerMonitorState;
  /** The epoch messages sent so far (1-based epochs). */
  history: EpochMessage[];
  /** The best epoch (1-based) by the selection monitor and its value. */
  best: { epoch: number; value: number } | null;
  partial: PartialEpoch | null;
  held: HeldWeights;
  /** Wall time of finished epochs (the clock restarts on resume; curves never depend on it). */
  wallTimeMs: number;
}
