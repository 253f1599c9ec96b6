import { describe, expect, it } from 'vitest';
import type { SplitConfig } from '../../experiment/split';
import type { LabelledImages } from '../idx/parse-idx';
import { prepareImages } from './prepare-images';
import type { ImageRecipe } from './prepare-images';

/** n 2×2 images whose pixels are all equal to their index (mod 256), labels cycling 0 … classes−1. */
function images(n: number, classes: number, offset = 0): LabelledImages {
  const pixels = new Uint8Array(n * 4);
  for (let i = 0; i < n; i++) pixels.fill((i + offset) % 256, i * 4, (i + 1) * 4);
  return {
    pixels,
    shape: [2, 2, 1],
    labels: Uint8Array.from({ length: n }, (_, i) => i % classes),
    count: n,
  };
}

const split: SplitConfig = {
  kind: 'holdout',
  train: 0.8,
  validation: 0.1,
  test: 0.1,
  stratify: true,
  seed: 0,
};
const recipe: ImageRecipe = {
  task: 'auto',
  classNames: null,
  preprocessing: { scale: 'minmax', oneHot: true },
  split,
  fold: 0,
};

describe('prepareImages', () => {
  it('with a test file, splits the training file into train and validation only', () => {
    const prepared = prepareImages(
      'digits',
      { train: images(90, 3), test: images(20, 3, 200) },
      recipe,
    );
    expect(prepared.facts).toEqual({ task: 'multiclass', inputShape: [2, 2, 1], classCount: 3 });
    expect(prepared.preprocessing.target.classes).toEqual(['0', '1', '2']);
    // 0.8 : 0.1 of the training file is 80 : 10 of its 90 images.
    expect([prepared.train.count, prepared.validation.count, prepared.test.count]).toEqual([
      80, 10, 20,
    ]);
    expect(prepared.test.x.length).toBe(20 * 4);
    const { center, scale } = prepared.preprocessing.input as { center: number; scale: number };
    expect(prepared.test.x[0]).toBeCloseTo((200 - center) / scale, 6);
  });

  it('fits min-max on the training images only', () => {
    const prepared = prepareImages('digits', { train: images(90, 3), test: null }, recipe);
    const trainPixels = Array.from(prepared.train.rows);
    const input = prepared.preprocessing.input;
    expect(input).toMatchObject({
      kind: 'image',
      scaling: 'minmax',
      center: Math.min(...trainPixels),
    });
    expect(input.kind === 'image' && input.center + input.scale).toBe(Math.max(...trainPixels));
    expect([prepared.train.count, prepared.validation.count, prepared.test.count]).toEqual([
      72, 9, 9,
    ]);
  });

  it('standardizes with one mean and standard deviation over every training pixel', () => {
    const prepared = prepareImages(
      'digits',
      { train: images(90, 3), test: null },
      { ...recipe, preprocessing: { scale: 'standardize', oneHot: true } },
    );
    const x = Array.from(prepared.train.x);
    const mean = x.reduce((a, b) => a + b, 0) / x.length;
    const sd = Math.sqrt(x.reduce((a, v) => a + (v - mean) ** 2, 0) / x.length);
    expect(mean).toBeCloseTo(0, 5);
    expect(sd).toBeCloseTo(1, 5);
  });

  it('names classes, and refuses labels beyond the names or a task images cannot have', () => {
    const named = prepareImages(
      'pets',
      { train: images(20, 2), test: null },
      { ...recipe, classNames: ['cat', 'dog'] },
    );
    expect(named.facts.task).toBe('binary');
    expect(named.preprocessing.target.classes).toEqual(['cat', 'dog']);
    expect(() =>
      prepareImages(
        'pets',
        { train: images(20, 3), test: null },
        { ...recipe, classNames: ['cat', 'dog'] },
      ),
    ).toThrow('pets: label 2 has no class name; the dataset names 2 classes');
    expect(() =>
      prepareImages(
        'pets',
        { train: images(20, 3), test: null },
        { ...recipe, task: { task: 'regression', reason: 'set in the spec' } },
      ),
    ).toThrow(
      'pets: image labels are classes, so the task must be binary or multiclass, not regression',
    );
  });
});
