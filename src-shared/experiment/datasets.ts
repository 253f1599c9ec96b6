import { z } from 'zod';
import { nonNegativeNumber, wholeNumberAtLeast } from './fields';

export const taskKinds = ['binary', 'multiclass', 'regression', 'count'] as const;
export type Task = (typeof taskKinds)[number];

export const builtinDatasetIds = [
  'iris',
  'breast-cancer',
  'spirals',
  'circles',
  'poisson-counts',
  'fashion-mnist',
] as const;
export type BuiltinDatasetId = (typeof builtinDatasetIds)[number];

/**
 * Options of the generated datasets. `noise` is the standard deviation of Gaussian noise added to
 * the points (spirals, circles) or to the log-rate (poisson-counts); `seed` fixes the draw.
 */
export const generatorOptionsSchema = z.strictObject({
  samples: wholeNumberAtLeast(10),
  noise: nonNegativeNumber(),
  seed: wholeNumberAtLeast(0),
});
export type GeneratorOptions = z.infer<typeof generatorOptionsSchema>;

/**
 * What is known about a dataset once it is read: the lab core learns it from the file, the
 * built-in catalog knows it in advance. Shapes exclude the batch dimension.
 */
export interface DataFacts {
  task: Task;
  inputShape: number[];
  /** Number of classes for binary (2) and multiclass tasks; null for regression and counts. */
  classCount: number | null;
}

export interface BuiltinDataset {
  id: BuiltinDatasetId;
  title: string;
  facts: DataFacts;
  /** Defaults for generated datasets; null for recorded ones. */
  generator: GeneratorOptions | null;
}

/**
 * The built-in catalog is the contract with the dataset generators in src-main: a generated set
 * must produce exactly these feature counts and tasks.
 */
export const builtinDatasets: Readonly<Record<BuiltinDatasetId, BuiltinDataset>> = {
  iris: {
    id: 'iris',
    title: 'Iris (Fisher, 150 flowers, 3 species)',
    facts: { task: 'multiclass', inputShape: [4], classCount: 3 },
    generator: null,
  },
  'breast-cancer': {
    id: 'breast-cancer',
    title: 'Breast Cancer Wisconsin (diagnostic, 569 cases)',
    facts: { task: 'binary', inputShape: [30], classCount: 2 },
    generator: null,
  },
  spirals: {
    id: 'spirals',
    title: 'Two interleaved spirals (generated)',
    facts: { task: 'binary', inputShape: [2], classCount: 2 },
    generator: { samples: 1000, noise: 0.1, seed: 0 },
  },
  circles: {
    id: 'circles',
    title: 'Two concentric circles (generated)',
    facts: { task: 'binary', inputShape: [2], classCount: 2 },
    generator: { samples: 1000, noise: 0.1, seed: 0 },
  },
  'poisson-counts': {
    id: 'poisson-counts',
    title: 'Counts with a known Poisson log-linear truth (generated, 3 features)',
    facts: { task: 'count', inputShape: [3], classCount: null },
    generator: { samples: 2000, noise: 0, seed: 0 },
  },
  'fashion-mnist': {
    id: 'fashion-mnist',
    title: 'Fashion-MNIST (28×28 grayscale, 10 classes)',
    facts: { task: 'multiclass', inputShape: [28, 28, 1], classCount: 10 },
    generator: null,
  },
};

export const generatedDatasetIds = builtinDatasetIds.filter(
  (id) => builtinDatasets[id].generator !== null,
);
