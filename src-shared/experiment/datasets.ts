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
  /** Class names in class-index order, as a person reads them; null where labels are numbers. */
  classNames: readonly string[] | null;
  /** Defaults for generated datasets; null for recorded ones. */
  generator: GeneratorOptions | null;
  /**
   * Rows of a recorded dataset, so the editor can preview split sizes before the data is read:
   * the rows the split divides, rows per class in class-index order, and the rows of a test set
   * that comes in its own file (null when the split carves the test set too). Null for generated
   * datasets, whose `generator.samples` says.
   */
  recorded: { rows: number; rowsPerClass: number[] | null; fixedTestRows: number | null } | null;
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
    classNames: ['setosa', 'versicolor', 'virginica'],
    generator: null,
    recorded: { rows: 150, rowsPerClass: [50, 50, 50], fixedTestRows: null },
  },
  'breast-cancer': {
    id: 'breast-cancer',
    title: 'Breast Cancer Wisconsin (diagnostic, 569 cases)',
    facts: { task: 'binary', inputShape: [30], classCount: 2 },
    classNames: ['benign', 'malignant'],
    generator: null,
    recorded: { rows: 569, rowsPerClass: [357, 212], fixedTestRows: null },
  },
  spirals: {
    id: 'spirals',
    title: 'Two interleaved spirals (generated)',
    facts: { task: 'binary', inputShape: [2], classCount: 2 },
    classNames: null,
    generator: { samples: 1000, noise: 0.1, seed: 0 },
    recorded: null,
  },
  circles: {
    id: 'circles',
    title: 'Two concentric circles (generated)',
    facts: { task: 'binary', inputShape: [2], classCount: 2 },
    classNames: null,
    generator: { samples: 1000, noise: 0.1, seed: 0 },
    recorded: null,
  },
  'poisson-counts': {
    id: 'poisson-counts',
    title: 'Counts with a known Poisson log-linear truth (generated, 3 features)',
    facts: { task: 'count', inputShape: [3], classCount: null },
    classNames: null,
    generator: { samples: 2000, noise: 0, seed: 0 },
    recorded: null,
  },
  'fashion-mnist': {
    id: 'fashion-mnist',
    title: 'Fashion-MNIST (28×28 grayscale, 10 classes)',
    facts: { task: 'multiclass', inputShape: [28, 28, 1], classCount: 10 },
    classNames: [
      'T-shirt/top',
      'Trouser',
      'Pullover',
      'Dress',
      'Coat',
      'Sandal',
      'Shirt',
      'Sneaker',
      'Bag',
      'Ankle boot',
    ],
    generator: null,
    recorded: { rows: 60000, rowsPerClass: Array<number>(10).fill(6000), fixedTestRows: 10000 },
  },
};

export const generatedDatasetIds = builtinDatasetIds.filter(
  (id) => builtinDatasets[id].generator !== null,
);
