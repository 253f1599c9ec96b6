import { SPEC_SCHEMA_VERSION, type ExperimentSpecInput } from '@shared/experiment/spec';

/**
 * What "New experiment" starts from: a small network on a built-in dataset that trains in seconds
 * on a CPU, with the settings people change most written out so the editor shows them.
 */
export function defaultSpec(name: string): ExperimentSpecInput {
  return {
    schemaVersion: SPEC_SCHEMA_VERSION,
    name,
    description: '',
    tags: [],
    data: { source: { kind: 'builtin', dataset: 'breast-cancer' }, task: 'auto' },
    split: { kind: 'holdout', train: 0.8, validation: 0.1, test: 0.1, stratify: true, seed: 0 },
    model: {
      layers: [
        { type: 'dense', units: 16, activation: 'relu' },
        { type: 'dense', units: 1, activation: 'sigmoid' },
      ],
    },
    optimization: {
      loss: 'auto',
      optimizer: { kind: 'adam', learningRate: 0.001 },
      schedule: { kind: 'constant' },
    },
    training: { epochs: 20, batchSize: 32, seed: 0 },
    strategy: { restarts: { count: 1 } },
  };
}

/** "New experiment", or "New experiment 2", … — the first that no experiment is called yet. */
export function unusedName(taken: readonly string[], base = 'New experiment'): string {
  const names = new Set(taken);
  if (!names.has(base)) return base;
  let n = 2;
  while (names.has(`${base} ${n}`)) n += 1;
  return `${base} ${n}`;
}
