import { LabError } from '@shared/contract/envelope';
import type { CandidateKind } from '@shared/contract/trainer-protocol';
import {
  improvementMode,
  metricNames,
  parseMonitor,
  type MetricName,
} from '@shared/experiment/metric-names';
import { comparePaired, holmAdjust, type IntervalMethod } from '@shared/metrics';
import type { CheckpointsRepository } from '../checkpoints-repository';
import type { EnsemblesRepository } from '../ensembles-repository';
import type { RunRecord, RunsRepository } from '../runs-repository';
import { experimentPick } from './experiment-pick';
import { spreadOf, type Spread } from './spread';

export type Strategy = CandidateKind | 'deep-ensemble';

/**
 * Strategy minus best-epoch, paired by run (the deep ensemble: by fold, against the fold's best
 * restart), with an interval of its mean and the paired t-test's p-value, raw and Holm-adjusted
 * over the table's comparisons; `note` says why an interval is missing.
 */
export type Difference =
  | {
      pairs: number;
      estimate: number;
      interval: { method: IntervalMethod; lower: number; upper: number; confidence: number } | null;
      pValue: number | null;
      adjustedPValue: number | null;
      note: string | null;
    }
  | { pairs: number; reason: string };

export interface StrategyRow {
  strategy: Strategy;
  /** The validation metric across runs (restarts, and folds when cross-validating). */
  validation: Spread | null;
  /** Null on the best-epoch row itself. */
  differenceToBestEpoch: Difference | null;
  /** The test metric of the models finally selected with this strategy only. */
  test: Spread | null;
}

export interface StrategyComparison {
  experimentId: number;
  specVersion: number;
  metric: MetricName;
  direction: 'min' | 'max';
  /** Succeeded runs compared. */
  runs: number;
  /** How many differences have a p-value, i.e. how many the Holm adjustment is over. */
  comparisons: number;
  rows: StrategyRow[];
  /**
   * The experiment's pick on the selection monitor: a run's selected model, or the deep ensemble
   * (runId null). Its values are the compared metric's, null where that was not recorded.
   */
  selected: {
    runId: number | null;
    candidate: Strategy;
    validation: number | null;
    test: number | null;
  } | null;
}

/** Fixed so that the interval of the same records is the same every time it is shown. */
const BOOTSTRAP_SEED = 20_250_101;

function difference(
  pairs: readonly (readonly [number, number])[],
  pairName: 'restarts' | 'folds' = 'restarts',
): Difference {
  if (pairs.length === 0) return { pairs: 0, reason: 'no run has both models' };
  const { estimate, interval, pValue, note } = comparePaired(
    pairs.map(([strategy, baseline]) => strategy - baseline),
    { seed: BOOTSTRAP_SEED, pairs: pairName },
  );
  return { pairs: pairs.length, estimate, interval, pValue, adjustedPValue: null, note };
}

/** Holm over every difference that has a p-value: the table makes that many comparisons at once. */
function adjustForMultipleComparisons(rows: StrategyRow[]): number {
  const tested = rows.flatMap((row) => {
    const d = row.differenceToBestEpoch;
    return d !== null && 'pValue' in d && d.pValue !== null ? [d] : [];
  });
  const adjusted = holmAdjust(tested.map((d) => d.pValue as number));
  tested.forEach((d, i) => (d.adjustedPValue = adjusted[i] as number));
  return tested.length;
}

function present(values: readonly (number | undefined)[]): number[] {
  return values.filter((value): value is number => value !== undefined);
}

function valueOf(metrics: Record<string, number> | undefined, key: string): number | undefined {
  const value = metrics?.[key];
  return typeof value === 'number' ? value : undefined;
}

/**
 * Compares the ways an experiment can hand back a model — each run's best epoch, its SWA average,
 * its snapshot ensemble, and the deep ensemble of the restarts — from what the runs recorded:
 * every candidate's validation metric (from its checkpoint or ensemble row), and the test metric
 * only of the models that were finally selected (each run's pick, and the deep ensemble).
 */
export function createStrategyComparisonQuery(
  runs: RunsRepository,
  checkpoints: CheckpointsRepository,
  ensembles: EnsemblesRepository,
) {
  function chooseMetric(
    compared: readonly RunRecord[],
    metric: MetricName | undefined,
  ): MetricName {
    if (metric !== undefined) return metric;
    const monitor = compared[0]?.config.strategy.selection.monitor ?? 'val.loss';
    return parseMonitor(monitor)?.metric ?? 'loss';
  }

  return (query: {
    experimentId: number;
    specVersion?: number;
    metric?: MetricName;
  }): StrategyComparison => {
    if (query.metric !== undefined && !metricNames.includes(query.metric)) {
      throw new LabError(
        'invalid_argument',
        `metric must be one of ${metricNames.join(', ')}, received ${JSON.stringify(query.metric)}`,
      );
    }
    const all = runs.listForExperiment(query.experimentId);
    const specVersion = query.specVersion ?? Math.max(0, ...all.map((run) => run.specVersion));
    const compared = all.filter(
      (run) => run.specVersion === specVersion && run.status === 'succeeded',
    );
    const metric = chooseMetric(compared, query.metric);
    const direction = improvementMode(metric);
    const valKey = `val.${metric}`;
    const testKey = `test.${metric}`;

    const perRun = compared.map((run) => ({
      run,
      'best-epoch': valueOf(checkpoints.find(run.id, 'best')?.metrics, valKey),
      swa: valueOf(checkpoints.find(run.id, 'swa')?.metrics, valKey),
      'snapshot-ensemble': valueOf(ensembles.snapshotOf(run.id)?.metrics, valKey),
      test: valueOf(run.testMetrics ?? undefined, testKey),
    }));
    const comparedCheckpoints = new Set(
      compared.flatMap((run) => checkpoints.listForRun(run.id).map((c) => c.id)),
    );
    const deepByFold = new Map(
      ensembles
        .listForExperiment(query.experimentId)
        .filter((e) => e.kind === 'deep' && e.members.every((id) => comparedCheckpoints.has(id)))
        .map((e) => [e.fold, e]),
    );

    const candidateRow = (strategy: CandidateKind): StrategyRow => {
      const values = present(perRun.map((row) => row[strategy]));
      const pairs = perRun.flatMap((row) =>
        row[strategy] !== undefined && row['best-epoch'] !== undefined
          ? [[row[strategy], row['best-epoch']] as const]
          : [],
      );
      const tests = perRun.flatMap((row) =>
        row.run.selectedCandidate === strategy && row.test !== undefined ? [row.test] : [],
      );
      return {
        strategy,
        validation: spreadOf(values),
        differenceToBestEpoch: strategy === 'best-epoch' ? null : difference(pairs),
        test: spreadOf(tests),
      };
    };

    const deep = [...deepByFold.values()];
    // A deep ensemble is one model per fold: it is worth having only if it beats the fold's best
    // single restart (not the restarts' average), so that is what it is paired with.
    const better = (a: number, b: number) => (direction === 'min' ? a < b : a > b);
    const bestSingleByFold = new Map<number | null, number>();
    for (const row of perRun) {
      const value = row['best-epoch'];
      if (value === undefined) continue;
      const held = bestSingleByFold.get(row.run.fold);
      if (held === undefined || better(value, held)) bestSingleByFold.set(row.run.fold, value);
    }
    const deepPairs = [...deepByFold].flatMap(([fold, ensemble]) => {
      const ensembleValue = valueOf(ensemble.metrics, valKey);
      const bestSingle = bestSingleByFold.get(fold);
      return ensembleValue !== undefined && bestSingle !== undefined
        ? [[ensembleValue, bestSingle] as const]
        : [];
    });
    const deepRow: StrategyRow = {
      strategy: 'deep-ensemble',
      validation: spreadOf(present(deep.map((e) => valueOf(e.metrics, valKey)))),
      differenceToBestEpoch: difference(deepPairs, 'folds'),
      test: spreadOf(present(deep.map((e) => valueOf(e.metrics, testKey)))),
    };

    const pick = experimentPick(compared, [...deepByFold.values()], checkpoints, ensembles);
    const selected: StrategyComparison['selected'] =
      pick === null
        ? null
        : pick.kind === 'run'
          ? {
              runId: pick.run.id,
              candidate: pick.candidate,
              validation: valueOf(pick.metrics, valKey) ?? null,
              test: valueOf(pick.run.testMetrics ?? undefined, testKey) ?? null,
            }
          : {
              runId: null,
              candidate: 'deep-ensemble',
              validation: valueOf(pick.metrics, valKey) ?? null,
              test: valueOf(pick.metrics, testKey) ?? null,
            };

    const rows = [
      candidateRow('best-epoch'),
      candidateRow('swa'),
      candidateRow('snapshot-ensemble'),
      deepRow,
    ];
    const comparisons = adjustForMultipleComparisons(rows);
    return {
      experimentId: query.experimentId,
      specVersion,
      metric,
      direction,
      runs: compared.length,
      comparisons,
      rows,
      selected,
    };
  };
}
