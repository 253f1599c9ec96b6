/**
 * PyTorch `ReduceLROnPlateau` as a pure state machine: feed it one metric per epoch and it says
 * which learning rate the next epoch uses. Semantics follow torch.optim.lr_scheduler exactly,
 * including cooldown, both threshold modes, the lr floor and the eps below which a cut is skipped.
 */

export interface PlateauRule {
  mode: 'min' | 'max';
  /** Multiplies the rate on a plateau; 0 < factor < 1. */
  factor: number;
  /** Epochs without improvement that are tolerated; the next one cuts the rate. */
  patience: number;
  threshold: number;
  thresholdMode: 'rel' | 'abs';
  /** Epochs after a cut during which bad epochs are not counted. */
  cooldown: number;
  minLr: number;
  /** A cut smaller than this is not applied. */
  eps: number;
}

export interface PlateauState {
  readonly lr: number;
  /** Best metric so far; null until the first finite comparison succeeds (PyTorch's ±inf). */
  readonly best: number | null;
  readonly numBadEpochs: number;
  readonly cooldownCounter: number;
}

export function startPlateau(lr: number): PlateauState {
  return { lr, best: null, numBadEpochs: 0, cooldownCounter: 0 };
}

function isPlateauImprovement(rule: PlateauRule, metric: number, best: number | null): boolean {
  const reference = best ?? (rule.mode === 'min' ? Infinity : -Infinity);
  if (rule.mode === 'min') {
    return rule.thresholdMode === 'rel'
      ? metric < reference * (1 - rule.threshold)
      : metric < reference - rule.threshold;
  }
  return rule.thresholdMode === 'rel'
    ? metric > reference * (rule.threshold + 1)
    : metric > reference + rule.threshold;
}

/** The state after the epoch whose monitored value is `metric`. */
export function observePlateau(
  rule: PlateauRule,
  state: PlateauState,
  metric: number,
): PlateauState {
  let { lr, best, numBadEpochs, cooldownCounter } = state;
  if (isPlateauImprovement(rule, metric, best)) {
    best = metric;
    numBadEpochs = 0;
  } else {
    numBadEpochs += 1;
  }
  if (cooldownCounter > 0) {
    cooldownCounter -= 1;
    numBadEpochs = 0;
  }
  if (numBadEpochs > rule.patience) {
    const reduced = Math.max(lr * rule.factor, rule.minLr);
    if (lr - reduced > rule.eps) lr = reduced;
    cooldownCounter = rule.cooldown;
    numBadEpochs = 0;
  }
  return { lr, best, numBadEpochs, cooldownCounter };
}
