import { basename } from 'node:path';
import type { DataConfig } from '@shared/experiment/data';
import { builtinDatasets } from '@shared/experiment/datasets';
import type { Task } from '@shared/experiment/datasets';
import type { SplitConfig } from '@shared/experiment/split';
import { prepareImages } from '@shared/data/prepare/prepare-images';
import { prepareTabular } from '@shared/data/prepare/prepare-tabular';
import type { PreparedDataset } from '@shared/data/prepare/prepared';
import { readBuiltin } from './builtin-datasets';
import type { BuiltinLocations } from './builtin-datasets';
import { readCsvTable } from './read-csv-table';
import { readIdxPair } from './read-idx-file';

export interface LoadDatasetOptions extends BuiltinLocations {
  /** Which fold this run trains on: 0 … k−1 for k-fold splits, 0 (the default) otherwise. */
  fold?: number;
}

/**
 * The one entry point from a spec's data and split sections to a run's preprocessed train,
 * validation and test parts. Preprocessing is fitted on the training part only; its statistics
 * (`preprocessing`) are plain JSON to store with every checkpoint.
 */
export async function loadDataset(
  data: DataConfig,
  split: SplitConfig,
  options: LoadDatasetOptions,
): Promise<PreparedDataset> {
  const fold = options.fold ?? 0;
  const { source, preprocessing } = data;
  const specTask = data.task === 'auto' ? null : { task: data.task, reason: 'set in the spec' };
  switch (source.kind) {
    case 'csv': {
      const { table, typing } = await readCsvTable(source.path, source);
      const task = specTask ?? 'auto';
      return prepareTabular(table, {
        target: source.target,
        task,
        missing: source.missing,
        preprocessing,
        split,
        fold,
        typing,
      });
    }
    case 'idx': {
      const [train, test] = await Promise.all([
        readIdxPair(source.train),
        source.test === null ? null : readIdxPair(source.test),
      ]);
      const task = specTask ?? 'auto';
      return prepareImages(
        basename(source.train.images),
        { train, test },
        { task, classNames: null, preprocessing, split, fold },
      );
    }
    case 'builtin': {
      const known: { task: Task; reason: string } = {
        task: builtinDatasets[source.dataset].facts.task,
        reason: `known for the built-in dataset ${source.dataset}`,
      };
      const task = specTask ?? known;
      const builtin = await readBuiltin(source.dataset, source.generator, options);
      if (builtin.kind === 'images') {
        const { train, test, classNames } = builtin;
        return prepareImages(
          source.dataset,
          { train, test },
          { task, classNames, preprocessing, split, fold },
        );
      }
      const { table, target, typing } = builtin;
      return prepareTabular(table, {
        target,
        task,
        missing: 'error',
        preprocessing,
        split,
        fold,
        typing,
      });
    }
  }
}
