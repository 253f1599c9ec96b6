/** One run's curve: values[i] was logged at steps[i]; steps strictly increase. */
export interface RunCurve {
  readonly steps: ArrayLike<number>;
  readonly values: ArrayLike<number>;
}

/**
 * Per step, across the runs that logged a finite value at exactly that step: how many did, their
 * mean, min, max and population standard deviation (divided by count, not count − 1: the band
 * describes the spread of the runs on screen, and stays defined, as 0, where one run remains).
 */
export interface Bands {
  readonly steps: Float64Array;
  readonly count: Uint32Array;
  readonly mean: Float64Array;
  readonly min: Float64Array;
  readonly max: Float64Array;
  readonly std: Float64Array;
}

function checkRun(run: RunCurve, r: number): void {
  if (run.steps.length !== run.values.length) {
    throw new Error(
      `runs[${r}]: steps and values must have the same length, received ${run.steps.length} and ${run.values.length}`,
    );
  }
  for (let i = 0; i < run.steps.length; i++) {
    const step = run.steps[i] as number;
    if (!Number.isFinite(step) || (i > 0 && !(step > (run.steps[i - 1] as number)))) {
      throw new Error(
        `runs[${r}].steps[${i}]: steps must be finite and strictly increasing, received ${step} after ${run.steps[i - 1]}`,
      );
    }
  }
}

/** `union` merged with the steps where `run` has a finite value: sorted, distinct. */
function mergeSteps(union: Float64Array, run: RunCurve): Float64Array {
  const merged = new Float64Array(union.length + run.steps.length);
  let size = 0;
  let u = 0;
  for (let i = 0; i < run.steps.length; i++) {
    if (!Number.isFinite(run.values[i])) continue;
    const step = run.steps[i] as number;
    while (u < union.length && (union[u] as number) < step) merged[size++] = union[u++] as number;
    if (u < union.length && union[u] === step) u++;
    merged[size++] = step;
  }
  while (u < union.length) merged[size++] = union[u++] as number;
  return merged.slice(0, size);
}

/** Calls visit(slot, value) for each finite value, where slot is its step's index in `steps`. */
function forEachFinite(
  run: RunCurve,
  steps: Float64Array,
  visit: (slot: number, value: number) => void,
): void {
  let slot = 0;
  for (let i = 0; i < run.steps.length; i++) {
    const value = run.values[i] as number;
    if (!Number.isFinite(value)) continue;
    while (steps[slot] !== run.steps[i]) slot++;
    visit(slot, value);
  }
}

/**
 * Mean / min / max / std bands of many runs aligned by step (a step is matched exactly). Runs may
 * have different lengths or gaps; non-finite values are left out of the step they were logged at.
 */
export function aggregateRuns(runs: readonly RunCurve[]): Bands {
  runs.forEach(checkRun);
  // Merging run by run is linear per run when runs share steps, as they usually do.
  const steps = runs.reduce(mergeSteps, new Float64Array(0));
  const count = new Uint32Array(steps.length);
  const mean = new Float64Array(steps.length);
  const min = new Float64Array(steps.length).fill(Infinity);
  const max = new Float64Array(steps.length).fill(-Infinity);
  const std = new Float64Array(steps.length);
  for (const run of runs) {
    forEachFinite(run, steps, (slot, value) => {
      count[slot] = (count[slot] as number) + 1;
      mean[slot] = (mean[slot] as number) + value;
      if (value < (min[slot] as number)) min[slot] = value;
      if (value > (max[slot] as number)) max[slot] = value;
    });
  }
  for (let s = 0; s < steps.length; s++) mean[s] = (mean[s] as number) / (count[s] as number);
  // Second pass over deviations from the mean: no cancellation, unlike Σx² − n·mean².
  for (const run of runs) {
    forEachFinite(run, steps, (slot, value) => {
      std[slot] = (std[slot] as number) + (value - (mean[slot] as number)) ** 2;
    });
  }
  for (let s = 0; s < steps.length; s++)
    std[s] = Math.sqrt((std[s] as number) / (count[s] as number));
  return { steps, count, mean, min, max, std };
}
