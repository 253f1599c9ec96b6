import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dataSchema } from '@shared/experiment/data';
import { builtinDatasets } from '@shared/experiment/datasets';
import { splitSchema } from '@shared/experiment/split';
import { detectFashionMnist } from './fashion-mnist';
import { loadDataset } from './load-dataset';

const resourcesDir = resolve(__dirname, '../../resources');
const everythingTrains = splitSchema.parse({ kind: 'holdout', train: 1, validation: 0, test: 0 });

function rowsPerClass(y: Float32Array, classCount: number): number[] {
  const counts = new Array<number>(classCount).fill(0);
  for (const label of y) counts[label] = (counts[label] ?? 0) + 1;
  return counts;
}

/** The editor previews split sizes from the catalog's `recorded` sizes; they must be the files'. */
describe('recorded built-in datasets hold the rows the catalog records', () => {
  it.each(['iris', 'breast-cancer'] as const)('%s', async (id) => {
    const loaded = await loadDataset(
      dataSchema.parse({ source: { kind: 'builtin', dataset: id } }),
      everythingTrains,
      { resourcesDir },
    );
    const recorded = builtinDatasets[id].recorded;
    expect(recorded?.fixedTestRows).toBeNull();
    expect(loaded.train.count).toBe(recorded?.rows);
    expect(rowsPerClass(loaded.train.y, loaded.facts.classCount ?? 0)).toEqual(
      recorded?.rowsPerClass,
    );
  });

  it.skipIf(detectFashionMnist() === null)(
    'fashion-mnist',
    async () => {
      const loaded = await loadDataset(
        dataSchema.parse({ source: { kind: 'builtin', dataset: 'fashion-mnist' } }),
        splitSchema.parse({ kind: 'holdout', train: 1, validation: 0, test: 0 }),
        { resourcesDir },
      );
      const recorded = builtinDatasets['fashion-mnist'].recorded;
      expect(loaded.train.count).toBe(recorded?.rows);
      expect(loaded.test.count).toBe(recorded?.fixedTestRows);
      expect(rowsPerClass(loaded.train.y, 10)).toEqual(recorded?.rowsPerClass);
    },
    120_000,
  );
});
