import { assertNever, LabError } from '@shared/contract/envelope';
import type { Source } from '@shared/contract/exports';
import type { LabHandlers } from '@shared/contract/lab-api';
import { diffSpecs, resolve, type MetricName } from '@shared/experiment';
import type { LabContext } from '../lab-context';

type CompareHandlers = Pick<
  LabHandlers,
  'compare.strategies' | 'compare.diff' | 'compare.snapshotCurve' | 'runs.configs'
>;

export function compareHandlers({ store }: Pick<LabContext, 'store'>): CompareHandlers {
  /** What a source trained (or would train) with, fully defaulted so defaults never show as edits. */
  function configOf(source: Source): unknown {
    switch (source.kind) {
      case 'run':
        return store.runs.get(source.id).config;
      case 'experiment':
        return resolve(store.experiments.get(source.id).spec);
      default:
        return assertNever(source, 'source');
    }
  }

  /** Each snapshot-ensemble run of the experiment with its validation metric per member count. */
  function snapshotCurvesOf(experimentId: number, valKey: string) {
    store.experiments.get(experimentId); // says clearly when there is no such experiment
    const restartOf = new Map(
      store.runs.listForExperiment(experimentId).map((run) => [run.id, run.restart]),
    );
    return store.ensembles.listForExperiment(experimentId).flatMap((ensemble) => {
      const restart = ensemble.runId === null ? undefined : restartOf.get(ensemble.runId);
      if (ensemble.runId === null || restart === undefined) return [];
      const points = ensemble.byMemberCount.flatMap(({ members, metrics }) => {
        const value = metrics[valKey];
        return value === undefined ? [] : [{ members, value }];
      });
      return points.length === 0 ? [] : [{ runId: ensemble.runId, experimentId, restart, points }];
    });
  }

  return {
    // The store checks the metric name and says which ones exist.
    'compare.strategies': async ({ experimentId, metric }) =>
      store.queries.compareStrategies({ experimentId, metric: metric as MetricName | undefined }),

    'compare.diff': async ({ a, b }) => ({ changes: diffSpecs(configOf(a), configOf(b)) }),

    // Compare groups runs by their settings: one call for all of them, not one runs.get each.
    'runs.configs': async ({ ids }) => ({
      configs: ids.flatMap((id) => {
        try {
          return [{ id, config: store.runs.get(id).config }];
        } catch (error) {
          // A run deleted since the list was read is left out, as the contract says.
          if (error instanceof LabError && error.code === 'not_found') return [];
          throw error;
        }
      }),
    }),

    'compare.snapshotCurve': async ({ experimentIds, metric }) => ({
      metric,
      runs: experimentIds.flatMap((id) => snapshotCurvesOf(id, `val.${metric}`)),
    }),
  };
}
