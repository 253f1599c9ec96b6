import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dataSchema } from '@shared/experiment/data';
import { splitSchema } from '@shared/experiment/split';
import { detectFashionMnist, FASHION_MNIST_DIR } from './fashion-mnist';
import { loadDataset } from './load-dataset';
import { readIdxPair } from './read-idx-file';

const files = detectFashionMnist();
const absent = `Fashion-MNIST is not installed at ${FASHION_MNIST_DIR} (Debian package dataset-fashion-mnist)`;

describe('Fashion-MNIST', () => {
  it('is detected under its published file names', (context) => {
    if (files === null) return context.skip(absent);
    expect(basename(files.train.images)).toBe('train-images-idx3-ubyte.gz');
    expect(basename(files.train.labels)).toBe('train-labels-idx1-ubyte.gz');
    expect(basename(files.test.images)).toBe('t10k-images-idx3-ubyte.gz');
    expect(basename(files.test.labels)).toBe('t10k-labels-idx1-ubyte.gz');
  });

  it('reports absence as null rather than failing', () => {
    expect(detectFashionMnist('/nonexistent/fashion-mnist')).toBeNull();
  });

  it('reads the first test images and labels', async (context) => {
    if (files === null) return context.skip(absent);
    const test = await readIdxPair(files.test);
    expect(test.count).toBe(10_000);
    expect(test.shape).toEqual([28, 28, 1]);
    // The first test items are an ankle boot, a pullover and a trouser (labels 9, 2, 1).
    expect(Array.from(test.labels.subarray(0, 5))).toEqual([9, 2, 1, 1, 6]);
    expect(Math.max(...test.pixels.subarray(0, 784))).toBeGreaterThan(200);
  });

  it('loads as a built-in with the official test set and the class names', async (context) => {
    if (files === null) return context.skip(absent);
    const spec = dataSchema.parse({
      source: { kind: 'builtin', dataset: 'fashion-mnist' },
      preprocessing: { scale: 'minmax' },
    });
    const loaded = await loadDataset(spec, splitSchema.parse({ kind: 'holdout' }), {
      resourcesDir: '/nonexistent',
    });
    expect(loaded.facts).toEqual({ task: 'multiclass', inputShape: [28, 28, 1], classCount: 10 });
    expect(loaded.preprocessing.target.classes?.[9]).toBe('Ankle boot');
    expect(loaded.test.count).toBe(10_000);
    expect(loaded.train.count + loaded.validation.count).toBe(60_000);
    expect(loaded.validation.count).toBe(6_667);
    expect(loaded.preprocessing.input).toMatchObject({
      kind: 'image',
      scaling: 'minmax',
      center: 0,
      scale: 255,
    });
    expect(Array.from(loaded.test.y.subarray(0, 3))).toEqual([9, 2, 1]);
  });
});
