/** Every leaf of a config as `path → value text`, e.g. `optimization.optimizer.learningRate → 0.01`. */
export function flattenConfig(config: unknown): Map<string, string> {
  const leaves = new Map<string, string>();
  const walk = (value: unknown, path: string) => {
    if (Array.isArray(value)) {
      if (value.length === 0) leaves.set(path, '[]');
      value.forEach((item, i) => walk(item, `${path}[${i}]`));
    } else if (value !== null && typeof value === 'object') {
      const entries = Object.entries(value);
      if (entries.length === 0) leaves.set(path, '{}');
      for (const [key, item] of entries) walk(item, path === '' ? key : `${path}.${key}`);
    } else {
      leaves.set(path, JSON.stringify(value) ?? 'undefined');
    }
  };
  walk(config, '');
  return leaves;
}

/** The paths whose value is not the same in every config (missing counts as a value). */
export function varyingPaths(configs: readonly Map<string, string>[]): string[] {
  const paths = new Set(configs.flatMap((config) => [...config.keys()]));
  return [...paths]
    .filter((path) => new Set(configs.map((config) => config.get(path) ?? 'missing')).size > 1)
    .sort();
}

export interface RunGroup {
  label: string;
  runIds: number[];
}

/** Runs sharing a value form a group, labelled `path = value`, in order of first appearance. */
export function groupRuns(
  runIds: readonly number[],
  path: string,
  valueOf: (runId: number) => string,
): RunGroup[] {
  const groups = new Map<string, number[]>();
  for (const runId of runIds) {
    const value = valueOf(runId);
    const members = groups.get(value) ?? [];
    members.push(runId);
    groups.set(value, members);
  }
  return [...groups].map(([value, members]) => ({ label: `${path} = ${value}`, runIds: members }));
}

/** Paths that name or seed a run rather than set how it trains. */
const notSettings = (path: string) =>
  /(^|\.)seed$/i.test(path) || /^(name|description|tags)(\.|\[|$)/.test(path);

/** The group-by choice that puts runs together when only their seeds (and names) differ. */
export const ALL_BUT_SEED = 'settings except seed';

/**
 * W&B's "group by everything but seed": runs whose settings match apart from seeds, names and
 * tags form one group, labelled by the settings that tell the groups apart.
 */
export function groupBySettingsExceptSeed(
  runIds: readonly number[],
  configOf: (runId: number) => Map<string, string> | undefined,
): RunGroup[] {
  const settings = (runId: number) =>
    [...(configOf(runId) ?? [])].filter(([path]) => !notSettings(path));
  const telling = varyingPaths(runIds.map((runId) => new Map(settings(runId)))).filter(
    (path) => !notSettings(path),
  );
  const groups = new Map<string, { label: string; runIds: number[] }>();
  for (const runId of runIds) {
    const own = settings(runId);
    const key = JSON.stringify(own);
    const found = groups.get(key);
    if (found) found.runIds.push(runId);
    else {
      const values = new Map(own);
      const label =
        telling.map((path) => `${path} = ${values.get(path) ?? 'not set'}`).join(', ') ||
        'same settings';
      groups.set(key, { label, runIds: [runId] });
    }
  }
  return [...groups.values()];
}
