/**
 * PyTorch `torch.optim.swa_utils.SWALR`: once SWA starts, the rate is annealed from wherever it was
 * to swaLr over annealEpochs epochs, then held. PyTorch defines it recursively (each step recovers
 * the rate it started from out of the current one), and this reproduces that recurrence so the
 * numbers match its own.
 */

export interface SwaLrParams {
  swaLr: number;
  /** Epochs to reach swaLr; 0 switches at once. */
  annealEpochs: number;
  strategy: 'cos' | 'linear';
}

/** SWA's phase of a run: SWALR takes over the rate at `startEpoch` (0-based, the first averaged). */
export interface SwaPhase {
  startEpoch: number;
  params: SwaLrParams;
}

export interface SwaLrState {
  /** SWALR steps taken (PyTorch's `_step_count − 1`). */
  readonly step: number;
  readonly lr: number;
}

function anneal(strategy: SwaLrParams['strategy'], t: number): number {
  return strategy === 'cos' ? (1 - Math.cos(Math.PI * t)) / 2 : t;
}

/** SWALR.get_lr at `step`, given the rate currently in the optimizer. */
function swalrUpdate(params: SwaLrParams, rawStep: number, lr: number): number {
  const step = params.annealEpochs === 0 ? Math.max(1, rawStep) : rawStep;
  const span = Math.max(1, params.annealEpochs);
  const prevAlpha = anneal(params.strategy, Math.max(0, Math.min(1, (step - 1) / span)));
  const initialLr =
    prevAlpha === 1 ? params.swaLr : (lr - prevAlpha * params.swaLr) / (1 - prevAlpha);
  const alpha = anneal(params.strategy, Math.max(0, Math.min(1, step / span)));
  return params.swaLr * alpha + initialLr * (1 - alpha);
}

function checkParams(params: SwaLrParams): void {
  if (!(params.swaLr >= 0 && Number.isFinite(params.swaLr))) {
    throw new Error(`SWA: swaLr must be a number ≥ 0, received ${params.swaLr}`);
  }
  if (!(Number.isInteger(params.annealEpochs) && params.annealEpochs >= 0)) {
    throw new Error(
      `SWA: annealEpochs must be a whole number ≥ 0, received ${params.annealEpochs}`,
    );
  }
}

/** SWALR created when the optimizer's rate is `currentLr` (the rate of the first SWA epoch). */
export function startSwaLr(params: SwaLrParams, currentLr: number): SwaLrState {
  checkParams(params);
  return { step: 0, lr: swalrUpdate(params, 0, currentLr) };
}

/** The state after one more epoch. */
export function advanceSwaLr(params: SwaLrParams, state: SwaLrState): SwaLrState {
  const step = state.step + 1;
  return { step, lr: swalrUpdate(params, step, state.lr) };
}
