import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expandRuns, resolve, type ExperimentSpecInput } from '@shared/experiment';
import type { StoredExperiment } from '../experiments-repository';
import type { Store } from '../open-store';
import type { RunRecord } from '../runs-repository';

const exampleFile = fileURLToPath(
  new URL('../../../resources/examples/breast-cancer-restarts.json', import.meta.url),
);

/** The shipped Breast Cancer example with a name and number of restarts of the test's choosing. */
export function exampleSpec(name = 'Breast Cancer', restarts = 4): ExperimentSpecInput {
  const spec = JSON.parse(fs.readFileSync(exampleFile, 'utf8')) as ExperimentSpecInput;
  return { ...spec, name, strategy: { ...spec.strategy, restarts: { count: restarts } } };
}

/** Creates an experiment from `spec` and queues all its runs. */
export function seedExperiment(
  store: Store,
  spec: ExperimentSpecInput = exampleSpec(),
): { experiment: StoredExperiment; runs: RunRecord[] } {
  const experiment = store.experiments.create(spec);
  const runs = store.runs.createQueued(
    experiment.id,
    experiment.specVersion,
    expandRuns(resolve(spec)),
  );
  return { experiment, runs };
}
