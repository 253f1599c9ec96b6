import type { CandidateKind } from '@shared/contract/trainer-protocol';
import type { CheckpointsRepository } from '../checkpoints-repository';
import type { EnsembleRecord, EnsemblesRepository } from '../ensembles-repository';
import type { MetricValues } from '../metric-values';
import type { RunRecord } from '../runs-repository';

/** The model an experiment finally hands back, chosen on validation only. */
export type ExperimentPick =
  | { kind: 'run'; run: RunRecord; candidate: CandidateKind; metrics: MetricValues }
  | { kind: 'deep-ensemble'; ensemble: EnsembleRecord; metrics: MetricValues };

/** The validation metrics of the model a run selected, from its checkpoint or ensemble row. */
export function selectedModelMetrics(
  run: RunRecord,
  checkpoints: CheckpointsRepository,
  ensembles: EnsemblesRepository,
): MetricValues | undefined {
  switch (run.selectedCandidate) {
    case 'best-epoch':
      return checkpoints.find(run.id, 'best')?.metrics;
    case 'swa':
      return checkpoints.find(run.id, 'swa')?.metrics;
    case 'snapshot-ensemble':
      return ensembles.snapshotOf(run.id)?.metrics;
    default:
      return undefined;
  }
}

/**
 * The experiment's pick among the models its succeeded runs selected and the deep ensembles of
 * their restarts: the best on the selection monitor (the runs' spec decides which, and whether
 * lower or higher is better). A deep ensemble competes like every candidate, on validation.
 */
export function experimentPick(
  runs: readonly RunRecord[],
  deepEnsembles: readonly EnsembleRecord[],
  checkpoints: CheckpointsRepository,
  ensembles: EnsemblesRepository,
): ExperimentPick | null {
  const first = runs[0];
  if (first === undefined) return null;
  const { monitor, mode } = first.config.strategy.selection;
  const better = (a: number, b: number) => (mode === 'min' ? a < b : a > b);
  let pick: ExperimentPick | null = null;
  let pickValue = 0;
  const consider = (candidate: ExperimentPick) => {
    const value = candidate.metrics[monitor];
    if (value === undefined || (pick !== null && !better(value, pickValue))) return;
    pick = candidate;
    pickValue = value;
  };
  for (const run of runs) {
    const metrics = selectedModelMetrics(run, checkpoints, ensembles);
    if (run.selectedCandidate !== null && metrics !== undefined) {
      consider({ kind: 'run', run, candidate: run.selectedCandidate, metrics });
    }
  }
  for (const ensemble of deepEnsembles) {
    consider({ kind: 'deep-ensemble', ensemble, metrics: ensemble.metrics });
  }
  return pick;
}
