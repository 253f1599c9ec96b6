/** Small specs the trainer integration tests share: seconds per run on two shared cores. */

type Json = Record<string, unknown>;

export function irisSpec(
  overrides: { model?: Json; optimization?: Json; training?: Json; strategy?: Json } = {},
): Json {
  return {
    schemaVersion: 1,
    name: 'iris test',
    data: { source: { kind: 'builtin', dataset: 'iris' } },
    model: {
      layers: [
        { type: 'dense', units: 16, activation: 'relu', kernelInitializer: 'heNormal' },
        { type: 'dense', units: 3, activation: 'softmax' },
      ],
      ...overrides.model,
    },
    optimization: { optimizer: { kind: 'adam', learningRate: 0.02 }, ...overrides.optimization },
    training: { epochs: 25, batchSize: 16, seed: 7, ...overrides.training },
    strategy: { ...overrides.strategy },
  };
}

export function spiralsSpec(
  overrides: { training?: Json; strategy?: Json; optimization?: Json } = {},
): Json {
  return {
    schemaVersion: 1,
    name: 'spirals test',
    data: {
      source: {
        kind: 'builtin',
        dataset: 'spirals',
        generator: { samples: 600, noise: 0.05, seed: 3 },
      },
    },
    model: {
      layers: [
        { type: 'dense', units: 48, activation: 'relu', kernelInitializer: 'heUniform' },
        { type: 'dense', units: 48, activation: 'tanh' },
        { type: 'dense', units: 1, activation: 'sigmoid' },
      ],
    },
    optimization: { optimizer: { kind: 'adam', learningRate: 0.01 }, ...overrides.optimization },
    training: { epochs: 40, batchSize: 32, seed: 11, ...overrides.training },
    strategy: { ...overrides.strategy },
  };
}
