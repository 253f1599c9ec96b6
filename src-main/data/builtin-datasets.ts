import { join } from 'node:path';
import type { BuiltinDatasetId, GeneratorOptions } from '@shared/experiment/datasets';
import type { LabelledImages } from '@shared/data/idx/parse-idx';
import type { Table } from '@shared/data/table/table';
import type { ColumnTyping } from '@shared/data/table/type-columns';
import { generateCircles } from '@shared/data/synthetic/circles';
import { generatePoissonCounts } from '@shared/data/synthetic/poisson-counts';
import { generateSpirals } from '@shared/data/synthetic/spirals';
import { detectFashionMnist, FASHION_MNIST_CLASSES, FASHION_MNIST_DIR } from './fashion-mnist';
import { readCsvTable } from './read-csv-table';
import { readIdxPair } from './read-idx-file';

export type BuiltinData =
  | { kind: 'table'; table: Table; target: string; typing: ColumnTyping[] | null }
  | { kind: 'images'; train: LabelledImages; test: LabelledImages; classNames: string[] };

export interface BuiltinLocations {
  /** The folder holding `datasets/`: the repository's or the packaged app's `resources`. */
  resourcesDir: string;
  /** Where Fashion-MNIST is looked for; Debian's location by default. */
  fashionMnistDir?: string;
}

/**
 * Reads or generates a built-in dataset. Recorded ones are CSV files under
 * resources/datasets (see the README and LICENSE next to each); generated ones are drawn from
 * their seed at every load and never stored.
 */
export async function readBuiltin(
  id: BuiltinDatasetId,
  generator: GeneratorOptions | null,
  where: BuiltinLocations,
): Promise<BuiltinData> {
  const options = (): GeneratorOptions => {
    if (generator === null) throw new Error(`${id}: a generated dataset needs generator options`);
    return generator;
  };
  switch (id) {
    case 'iris':
      return recordedCsv(join(where.resourcesDir, 'datasets', 'iris', 'iris.csv'), 'species');
    case 'breast-cancer':
      return recordedCsv(
        join(where.resourcesDir, 'datasets', 'breast-cancer', 'breast-cancer.csv'),
        'diagnosis',
      );
    case 'spirals':
      return { kind: 'table', table: generateSpirals(options()), target: 'label', typing: null };
    case 'circles':
      return { kind: 'table', table: generateCircles(options()), target: 'label', typing: null };
    case 'poisson-counts':
      return {
        kind: 'table',
        table: generatePoissonCounts(options()),
        target: 'count',
        typing: null,
      };
    case 'fashion-mnist':
      return fashionMnist(where.fashionMnistDir ?? FASHION_MNIST_DIR);
  }
}

async function recordedCsv(path: string, target: string): Promise<BuiltinData> {
  const { table, typing } = await readCsvTable(path, { delimiter: ',', columns: {} });
  return { kind: 'table', table, target, typing };
}

async function fashionMnist(dir: string): Promise<BuiltinData> {
  const files = detectFashionMnist(dir);
  if (files === null) {
    throw new Error(
      `fashion-mnist: not found in ${dir}; install Debian's dataset-fashion-mnist package or put train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz, t10k-images-idx3-ubyte.gz and t10k-labels-idx1-ubyte.gz there`,
    );
  }
  const [train, test] = await Promise.all([readIdxPair(files.train), readIdxPair(files.test)]);
  return { kind: 'images', train, test, classNames: FASHION_MNIST_CLASSES };
}
