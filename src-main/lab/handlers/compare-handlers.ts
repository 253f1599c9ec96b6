import { assertNever } from '@shared/contract/envelope';
import type { Source } from '@shared/contract/exports';
import type { LabHandlers } from '@shared/contract/lab-api';
import { diffSpecs, resolve, type MetricName } from '@shared/experiment';
import type { LabContext } from '../lab-context';

type CompareHandlers = Pick<LabHandlers, 'compare.strategies' | 'compare.diff'>;

export function compareHandlers({ store }: LabContext): CompareHandlers {
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

  return {
    // The store checks the metric name and says which ones exist.
    'compare.strategies': async ({ experimentId, metric }) =>
      store.queries.compareStrategies({ experimentId, metric: metric as MetricName | undefined }),

    'compare.diff': async ({ a, b }) => ({ changes: diffSpecs(configOf(a), configOf(b)) }),
  };
}
