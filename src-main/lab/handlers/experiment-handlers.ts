import { isAbsolute } from 'node:path';
import { LabError } from '@shared/contract/envelope';
import type { LabHandlers } from '@shared/contract/lab-api';
import {
  expandRuns,
  validateSpec,
  type ExperimentSpecInput,
  type ResolvedSpec,
  type SpecProblem,
} from '@shared/experiment';
import { checkCsvSource } from '../../data/check-csv';
import { requireAbsoluteDataPaths } from '../data-paths';
import type { LabContext } from '../lab-context';
import { removeRunFolder } from '../run-folders';
import { emitRunStatus } from '../trainer-session';

type ExperimentHandlers = Pick<
  LabHandlers,
  | 'experiments.list'
  | 'experiments.get'
  | 'experiments.create'
  | 'experiments.update'
  | 'experiments.duplicate'
  | 'experiments.rename'
  | 'experiments.delete'
  | 'experiments.validate'
  | 'experiments.launch'
>;

function split(problems: readonly SpecProblem[]) {
  const strip = ({ path, message, received, text }: SpecProblem) => ({
    path,
    message,
    received,
    text,
  });
  return {
    errors: problems.filter((p) => p.severity === 'error').map(strip),
    warnings: problems.filter((p) => p.severity === 'warning').map(strip),
  };
}

/** Every problem of an invalid spec, as one error whose details list them; nothing is stored. */
function requireValid(spec: unknown, doing: string) {
  const validation = validateSpec(spec);
  if (validation.ok) return validation.spec;
  const { errors } = split(validation.problems);
  const count = errors.length === 1 ? '1 problem' : `${errors.length} problems`;
  throw new LabError(
    'invalid_argument',
    `The experiment spec cannot be ${doing}: ${count}:\n${errors.map((p) => `- ${p.text}`).join('\n')}`,
    errors,
  );
}

/**
 * A CSV file's header and first rows, read before anything is stored: a missing file, a target the
 * header lacks or broken rows are bad input now, not a failed run later. Every problem is listed.
 */
async function requireReadableData(spec: ResolvedSpec, doing: string): Promise<void> {
  const { source } = spec.data;
  if (source.kind !== 'csv' || !isAbsolute(source.path)) return;
  const problems = await checkCsvSource(source);
  if (problems.length === 0) return;
  const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
  throw new LabError(
    'invalid_argument',
    `The experiment cannot be ${doing}: ${count} with its data:\n${problems.map((p) => `- ${p.text}`).join('\n')}`,
    problems,
  );
}

export function experimentHandlers(lab: LabContext): ExperimentHandlers {
  const { store, scheduler, events } = lab;

  function requireIdle(experimentId: number, doing: string): void {
    const busy = store.runs
      .listForExperiment(experimentId)
      .filter((run) => run.status === 'queued' || run.status === 'running');
    if (busy.length > 0) {
      throw new LabError(
        'conflict',
        `Experiment ${experimentId} cannot be ${doing} while ${busy.length} of its runs are queued or running; cancel them first.`,
        { runIds: busy.map((run) => run.id) },
      );
    }
  }

  return {
    'experiments.list': async ({ search }) => ({ experiments: store.experiments.list(search) }),

    'experiments.get': async ({ id }) => store.experiments.get(id),

    'experiments.create': async ({ spec }) => {
      await requireReadableData(requireValid(spec, 'saved'), 'saved');
      return store.experiments.create(spec as ExperimentSpecInput);
    },

    'experiments.update': async ({ id, spec }) => {
      await requireReadableData(requireValid(spec, 'saved'), 'saved');
      return store.experiments.update(id, spec as ExperimentSpecInput);
    },

    'experiments.duplicate': async ({ id, name }) => store.experiments.duplicate(id, name),

    'experiments.rename': async ({ id, name }) => store.experiments.rename(id, name),

    'experiments.delete': async ({ id }) => {
      requireIdle(id, 'deleted');
      const runIds = store.runs.listForExperiment(id).map((run) => run.id);
      const result = store.experiments.delete(id);
      await Promise.all(runIds.map((runId) => removeRunFolder(lab.dataDir, runId)));
      return result;
    },

    'experiments.validate': async ({ spec }) => {
      const validation = validateSpec(spec);
      if (validation.ok)
        return { valid: true, problems: [], warnings: split(validation.warnings).warnings };
      const { errors, warnings } = split(validation.problems);
      return { valid: false, problems: errors, warnings };
    },

    'experiments.launch': async ({ id, priority }) => {
      const experiment = store.experiments.get(id);
      const spec = requireValid(experiment.spec, 'launched');
      requireAbsoluteDataPaths(spec);
      await requireReadableData(spec, 'launched');
      const planned = expandRuns(spec);
      for (const run of planned) scheduler.checkPlaceable(run.config);
      const runs = store.runs.createQueued(id, experiment.specVersion, planned, priority);
      for (const run of runs) emitRunStatus(events, run);
      scheduler.poke();
      return {
        experimentId: id,
        specVersion: experiment.specVersion,
        runIds: runs.map((run) => run.id),
      };
    },
  };
}
