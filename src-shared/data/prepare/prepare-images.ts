import type { Preprocessing } from '../../experiment/data';
import type { Task } from '../../experiment/datasets';
import type { SplitConfig } from '../../experiment/split';
import type { LabelledImages } from '../idx/parse-idx';
import { applyImage, fitImage } from '../preprocessing/image';
import type { ImagePreprocessing } from '../preprocessing/stats';
import type { PreparedDataset, SplitPart } from './prepared';
import { splitRows } from './split-rows';

export interface ImageRecipe {
  /** A task set in the spec or known for a built-in dataset, with why; "auto" counts the classes. */
  task: { task: Task; reason: string } | 'auto';
  /** Names of the label values 0 … K−1; null names them by number. */
  classNames: string[] | null;
  preprocessing: Preprocessing;
  split: SplitConfig;
  fold: number;
}

/**
 * Labelled images → split, preprocessed parts. With a separate test set, the split divides the
 * training images into train and validation only. Scaling is fitted on the training rows alone.
 */
export function prepareImages(
  name: string,
  images: { train: LabelledImages; test: LabelledImages | null },
  recipe: ImageRecipe,
): PreparedDataset {
  const { train, test } = images;
  if (test !== null && test.shape.join('×') !== train.shape.join('×')) {
    throw new Error(
      `${name}: test images are ${test.shape.join('×')} but training images are ${train.shape.join('×')}`,
    );
  }
  const classes = classNamesFor(name, [train, test], recipe.classNames);
  const { task, reason } = recipe.task === 'auto' ? inferImageTask(classes.length) : recipe.task;
  if (task !== 'binary' && task !== 'multiclass') {
    throw new Error(
      `${name}: image labels are classes, so the task must be binary or multiclass, not ${task}`,
    );
  }
  if (task === 'binary' && classes.length !== 2) {
    throw new Error(
      `${name}: the labels name ${classes.length} classes, but a binary task needs exactly 2`,
    );
  }
  const rows = splitRows(recipe.split, {
    count: train.count,
    fold: recipe.fold,
    classes: train.labels,
    orderBy: null,
    testIsFixed: test !== null,
  });
  const input = fitImage(train, rows.train, recipe.preprocessing.scale);
  const testPart =
    test === null
      ? imagePart(input, train, rows.test)
      : imagePart(
          input,
          test,
          Array.from({ length: test.count }, (_, i) => i),
        );
  return {
    name,
    facts: { task, inputShape: [...train.shape], classCount: classes.length },
    taskReason: reason,
    featureNames: [],
    preprocessing: { input, target: { column: 'label', task, classes } },
    train: imagePart(input, train, rows.train),
    validation: imagePart(input, train, rows.validation),
    test: testPart,
    report: { rowsRead: train.count + (test?.count ?? 0), droppedRows: 0, columns: null },
  };
}

function classNamesFor(
  name: string,
  sets: (LabelledImages | null)[],
  given: string[] | null,
): string[] {
  let largest = 0;
  for (const set of sets) set?.labels.forEach((label) => (largest = Math.max(largest, label)));
  if (given === null) return Array.from({ length: largest + 1 }, (_, i) => String(i));
  if (largest >= given.length) {
    throw new Error(
      `${name}: label ${largest} has no class name; the dataset names ${given.length} classes`,
    );
  }
  return given;
}

function inferImageTask(classCount: number): { task: Task; reason: string } {
  if (classCount < 2) throw new Error('the image labels hold a single class; nothing to learn');
  return classCount === 2
    ? { task: 'binary', reason: 'the labels hold two classes' }
    : { task: 'multiclass', reason: `the labels hold ${classCount} classes` };
}

function imagePart(stats: ImagePreprocessing, images: LabelledImages, rows: number[]): SplitPart {
  return {
    count: rows.length,
    x: applyImage(stats, images, rows),
    y: Float32Array.from(rows, (r) => images.labels[r] ?? NaN),
    rows: Int32Array.from(rows),
  };
}
