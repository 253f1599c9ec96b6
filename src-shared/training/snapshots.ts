/**
 * Snapshot ensembles (Huang et al., 2017): M cosine cycles of ⌈T/M⌉ epochs over T epochs, a
 * snapshot at the end of each cycle. When M does not divide T the last cycle is cut short and its
 * snapshot is taken at the last epoch; when ⌈T/⌈T/M⌉⌉ < M fewer cycles fit, and the plan says so.
 */

export interface SnapshotPlan {
  /** ⌈T/M⌉ epochs. */
  readonly cycleLength: number;
  /** 0-based epochs at whose end a snapshot is taken, ascending; one per cycle that fits. */
  readonly snapshotEpochs: readonly number[];
}

export function snapshotPlan(epochs: number, cycles: number): SnapshotPlan {
  if (!(Number.isInteger(epochs) && epochs >= 1)) {
    throw new Error(`snapshot plan: epochs must be a whole number ≥ 1, received ${epochs}`);
  }
  if (!(Number.isInteger(cycles) && cycles >= 1)) {
    throw new Error(`snapshot plan: cycles must be a whole number ≥ 1, received ${cycles}`);
  }
  const cycleLength = Math.ceil(epochs / cycles);
  const snapshotEpochs: number[] = [];
  for (let end = cycleLength; end < epochs + cycleLength; end += cycleLength) {
    snapshotEpochs.push(Math.min(end, epochs) - 1);
  }
  return { cycleLength, snapshotEpochs };
}
