import { lab } from '../../lib/api';
import { flattenConfig } from '../../lib/runs/group-by';

export interface ExperimentChoice {
  id: number;
  name: string;
  tags: string[];
  /** The setting paths its spec writes (e.g. optimization.optimizer.learningRate). */
  settings: string[];
}

/** Paths that name or describe an experiment rather than set how it trains. */
const notSettings = /^(name|description|tags)(\.|\[|$)/;

function tagsOf(spec: unknown): string[] {
  const tags = (spec as { tags?: unknown } | null)?.tags;
  return Array.isArray(tags) ? tags.filter((tag): tag is string => typeof tag === 'string') : [];
}

/** The experiments a filter can pick from, with their tags (read from each spec). */
export async function loadExperimentChoices(): Promise<ExperimentChoice[] | string> {
  const list = await lab.call('experiments.list', {});
  if (!list.ok) return list.error.message;
  const specs = await Promise.all(
    list.value.experiments.map((experiment) => lab.call('experiments.get', { id: experiment.id })),
  );
  return list.value.experiments.map((experiment, i) => {
    const reply = specs[i];
    return {
      id: experiment.id,
      name: experiment.name,
      tags: reply?.ok ? tagsOf(reply.value.spec) : [],
      settings: reply?.ok
        ? [...flattenConfig(reply.value.spec).keys()].filter((path) => !notSettings.test(path))
        : [],
    };
  });
}
