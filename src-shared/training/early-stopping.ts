/**
 * Keras `EarlyStopping` (keras/src/callbacks/early_stopping.py) as a pure state machine over
 * epoch-end metrics. Epochs are 0-based as in Keras' `on_epoch_end(epoch)`.
 */

import { improves } from './monitor';

export interface EarlyStoppingRule {
  mode: 'min' | 'max';
  /** Epochs without improvement after which training stops. */
  patience: number;
  /** An improvement must beat the best by more than this (its sign is ignored, as in Keras). */
  minDelta: number;
  /** Epochs before this one are not monitored at all. */
  startFromEpoch: number;
  restoreBestWeights: boolean;
  /** A value the metric must beat before waiting is reset; null for none. */
  baseline: number | null;
}

export interface EarlyStoppingState {
  /** Best monitored value; null before the first improvement (Keras' ±inf). */
  readonly best: number | null;
  readonly bestEpoch: number;
  readonly wait: number;
  /** Whether Keras would hold a copy of the weights of `bestEpoch`. */
  readonly holdsBestWeights: boolean;
  /** The epoch at whose end training stopped; null while it runs. */
  readonly stoppedEpoch: number | null;
}

export function startEarlyStopping(): EarlyStoppingState {
  return { best: null, bestEpoch: 0, wait: 0, holdsBestWeights: false, stoppedEpoch: null };
}

function isImprovement(rule: EarlyStoppingRule, value: number, reference: number | null): boolean {
  return improves(rule.mode, value, reference, rule.minDelta);
}

/**
 * The state after epoch `epoch` ended with the monitored value `value` (undefined when the metric
 * was not logged, which Keras skips). Once stopped, further epochs are an error.
 */
export function observeEarlyStopping(
  rule: EarlyStoppingRule,
  state: EarlyStoppingState,
  epoch: number,
  value: number | undefined,
): EarlyStoppingState {
  if (state.stoppedEpoch !== null) {
    throw new Error(
      `early stopping: training already stopped after epoch ${state.stoppedEpoch}, received epoch ${epoch}`,
    );
  }
  if (value === undefined || epoch < rule.startFromEpoch) return state;

  let { bestEpoch, holdsBestWeights } = state;
  if (rule.restoreBestWeights && !holdsBestWeights) {
    holdsBestWeights = true;
    bestEpoch = epoch;
  }
  const wait = state.wait + 1;
  if (isImprovement(rule, value, state.best)) {
    const beatsBaseline = rule.baseline === null || isImprovement(rule, value, rule.baseline);
    return {
      best: value,
      bestEpoch: epoch,
      wait: beatsBaseline ? 0 : wait,
      holdsBestWeights,
      stoppedEpoch: null,
    };
  }
  const stoppedEpoch = wait >= rule.patience && epoch > 0 ? epoch : null;
  return { best: state.best, bestEpoch, wait, holdsBestWeights, stoppedEpoch };
}

export function shouldStop(state: EarlyStoppingState): boolean {
  return state.stoppedEpoch !== null;
}

/** Whose weights the model ends training with: a best epoch to restore, or null to keep the last. */
export function epochToRestore(rule: EarlyStoppingRule, state: EarlyStoppingState): number | null {
  return rule.restoreBestWeights && state.holdsBestWeights ? state.bestEpoch : null;
}
