import type { PreparedDataset } from '@shared/data/prepare/prepared';
import type { ResolvedSpec } from '@shared/experiment/spec';
import type { TrainerToParent } from '@shared/contract/trainer-protocol';
import type { Rng } from '@shared/random';
import type { RunFolder } from '../../checkpoints/run-folder';
import type { ScoringSetup } from '../evaluate/score-split';
import type { LayerMonitor } from './layer-monitor';
import type { LearningRateStepper } from '@shared/schedules';
import type { RunPlan } from './run-plan';
import type { StepSetup } from './train-step';

/** What the parent hears and says while a run trains. */
export interface TrainerLink {
  emit(message: TrainerToParent): Promise<void>;
  cancelRequested(): boolean;
}

/** A run ready to train: the model, its optimizer and every rule that steers it. */
export interface RunContext {
  runId: string;
  spec: ResolvedSpec;
  data: PreparedDataset;
  plan: RunPlan;
  learningRate: LearningRateStepper;
  step: StepSetup;
  scoring: ScoringSetup;
  layerMonitor: LayerMonitor;
  rng: { shuffle: Rng; dropout: Rng; noise: Rng };
  folder: RunFolder;
  link: TrainerLink;
}

/** TF.js ignores a seed of 0 (it falls back to Math.random), so seeds are drawn from [1, 2^31). */
export function nextTfSeed(rng: Rng): number {
  return rng.integer(1, 0x8000_0000);
}
