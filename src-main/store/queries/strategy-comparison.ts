import { LabError } from '@shared/contract/envelope';
import type { CandidateKind } from '@shared/contract/trainer-protocol';
import {
  improvementMode,
  metricNames,
  parseMonitor,
  type MetricName,
} from '@shared/experiment/metric-names';
import { bootstrapPairedDifference, defined, type ResampledStatistic } from '@shared/metrics';
import type { CheckpointsRepository } from '../checkpoints-repository';
import type { EnsemblesRepository } from '../ensembles-repository';
import type { RunRecord, RunsRepository } from '../runs-repository';
import { spreadOf, type Spread } from './spread';

export type Strategy = CandidateKind | 'deep-ensemble';

/** Strategy minus best-epoch, paired by run, with a percentile bootstrap interval of its mean. */
export type Difference =
  | { pairs: number; estimate: number; lower: number; upper: number; confidence: number }
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
  rows: StrategyRow[];
  /** The experiment's pick: the run whose selected model did best on validation. */
  selected: {
    runId: number;
    candidate: CandidateKind;
    validation: number;
    test: number | null;
  } | null;
}

/** Fixed so that the interval of the same records is the same every time it is shown. */
const BOOTSTRAP_SEED = 20_250_101;

function meanAt(values: readonly number[]): ResampledStatistic {
  return (indices) => {
    let sum = 0;
    for (const i of indices) sum += values[i]!;
    return defined(sum / indices.length);
  };
}

function difference(pairs: readonly (readonly [number, number])[]): Difference {
  if (pairs.length === 0) return { pairs: 0, reason: 'no run has both models' };
  const result = bootstrapPairedDifference(
    meanAt(pairs.map(([strategy]) => strategy)),
    meanAt(pairs.map(([, bestEpoch]) => bestEpoch)),
    { sampleCount: pairs.length, seed: BOOTSTRAP_SEED },
  );
  if (!result.defined) return { pairs: pairs.length, reason: result.reason };
  const { estimate, lower, upper, confidence } = result.value;
  return { pairs: pairs.length, estimate, lower, upper, confidence };
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
    const deepPairs = perRun.flatMap((row) => {
      const ensembleValue = valueOf(deepByFold.get(row.run.fold)?.metrics, valKey);
      return ensembleValue !== undefined && row['best-epoch'] !== undefined
        ? [[ensembleValue, row['best-epoch']] as const]
        : [];
    });
    const deepRow: StrategyRow = {
      strategy: 'deep-ensemble',
      validation: spreadOf(present(deep.map((e) => valueOf(e.metrics, valKey)))),
      differenceToBestEpoch: difference(deepPairs),
      test: spreadOf(present(deep.map((e) => valueOf(e.metrics, testKey)))),
    };

    let selected: StrategyComparison['selected'] = null;
    for (const row of perRun) {
      const candidate = row.run.selectedCandidate;
      const validation = candidate === null ? undefined : row[candidate];
      if (candidate === null || validation === undefined) continue;
      const better =
        selected === null ||
        (direction === 'min' ? validation < selected.validation : validation > selected.validation);
      if (better) selected = { runId: row.run.id, candidate, validation, test: row.test ?? null };
    }

    return {
      experimentId: query.experimentId,
      specVersion,
      metric,
      direction,
      runs: compared.length,
      rows: [
        candidateRow('best-epoch'),
        candidateRow('swa'),
        candidateRow('snapshot-ensemble'),
        deepRow,
      ],
      selected,
    };
  };
}
