import type { CompareSelection } from '../route';

interface Member {
  id: number;
  experimentId: number;
}

/** The selected runs, in the order the runs were given: whole experiments plus single runs. */
export function selectedRunIds(selection: CompareSelection, runs: readonly Member[]): number[] {
  const experiments = new Set(selection.experimentIds);
  const single = new Set(selection.runIds);
  return runs
    .filter((run) => experiments.has(run.experimentId) || single.has(run.id))
    .map((run) => run.id);
}

export function toggleExperiment(
  selection: CompareSelection,
  experimentId: number,
  on: boolean,
  runs: readonly Member[],
): CompareSelection {
  const others = selection.experimentIds.filter((id) => id !== experimentId);
  const ownRuns = new Set(
    runs.filter((run) => run.experimentId === experimentId).map((run) => run.id),
  );
  return {
    experimentIds: on ? [...others, experimentId] : others,
    // The experiment as a whole replaces any of its runs picked one by one.
    runIds: selection.runIds.filter((id) => !ownRuns.has(id)),
  };
}

/**
 * Adds or removes runs (one run, or a restart's folds). Removing a run of a wholly selected
 * experiment turns that experiment into its other runs, picked one by one.
 */
export function toggleRuns(
  selection: CompareSelection,
  runIds: readonly number[],
  on: boolean,
  runs: readonly Member[],
): CompareSelection {
  const touched = new Set(runIds);
  if (on) {
    const covered = new Set(selectedRunIds(selection, runs));
    return {
      ...selection,
      runIds: [...selection.runIds, ...runIds.filter((id) => !covered.has(id))],
    };
  }
  const broken = new Set(
    runs
      .filter((run) => touched.has(run.id) && selection.experimentIds.includes(run.experimentId))
      .map((run) => run.experimentId),
  );
  const spelledOut = runs.filter((run) => broken.has(run.experimentId)).map((run) => run.id);
  return {
    experimentIds: selection.experimentIds.filter((id) => !broken.has(id)),
    runIds: [...selection.runIds, ...spelledOut].filter((id) => !touched.has(id)),
  };
}

export interface RestartGroup<R> {
  restart: number;
  /** Its folds; one run without cross-validation. */
  runs: R[];
}

export interface ExperimentGroup<R> {
  id: number;
  name: string;
  restarts: RestartGroup<R>[];
  count: number;
}

/** Runs as the picker lists them: by experiment (first seen first), then restart. */
export function groupForPicking<R extends Member & { experimentName: string; restart: number }>(
  runs: readonly R[],
): ExperimentGroup<R>[] {
  const byId = new Map<number, ExperimentGroup<R>>();
  for (const run of runs) {
    let experiment = byId.get(run.experimentId);
    if (!experiment) {
      experiment = { id: run.experimentId, name: run.experimentName, restarts: [], count: 0 };
      byId.set(run.experimentId, experiment);
    }
    let group = experiment.restarts.find((r) => r.restart === run.restart);
    if (!group) experiment.restarts.push((group = { restart: run.restart, runs: [] }));
    group.runs.push(run);
    experiment.count += 1;
  }
  for (const experiment of byId.values()) experiment.restarts.sort((a, b) => a.restart - b.restart);
  return [...byId.values()];
}
