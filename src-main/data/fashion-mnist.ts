import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { builtinDatasets } from '@shared/experiment/datasets';

/** Where Debian's `dataset-fashion-mnist` package installs the files. */
export const FASHION_MNIST_DIR = '/usr/share/datasets/fashion-mnist';

/** The files as Zalando publishes them (and Debian installs them); raw copies without `.gz` are accepted too. */
const FILES = {
  train: { images: 'train-images-idx3-ubyte', labels: 'train-labels-idx1-ubyte' },
  test: { images: 't10k-images-idx3-ubyte', labels: 't10k-labels-idx1-ubyte' },
} as const;

/** Label index → name, from the Fashion-MNIST README (the catalog in src-shared holds them). */
export const FASHION_MNIST_CLASSES = [...(builtinDatasets['fashion-mnist'].classNames ?? [])];

export interface IdxFilePair {
  images: string;
  labels: string;
}

/** The paths of the four Fashion-MNIST files in `dir`, or null when any is missing. */
export function detectFashionMnist(
  dir: string = FASHION_MNIST_DIR,
): { train: IdxFilePair; test: IdxFilePair } | null {
  const find = (name: string): string | null =>
    [`${name}.gz`, name].map((file) => join(dir, file)).find((path) => existsSync(path)) ?? null;
  const paths = {
    train: { images: find(FILES.train.images), labels: find(FILES.train.labels) },
    test: { images: find(FILES.test.images), labels: find(FILES.test.labels) },
  };
  const { train, test } = paths;
  if (
    train.images === null ||
    train.labels === null ||
    test.images === null ||
    test.labels === null
  )
    return null;
  return {
    train: { images: train.images, labels: train.labels },
    test: { images: test.images, labels: test.labels },
  };
}
