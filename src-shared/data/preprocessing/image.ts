import { affineFrom } from './affine';
import type { Summary } from './affine';
import type { ImagePreprocessing, Scaling } from './stats';

/** Pixels of many images stored back to back, one image of `shape` after another. */
export interface ImageBatch {
  pixels: Uint8Array;
  /** Per-image shape: [height, width, channels]. */
  shape: number[];
}

export function imageSize(shape: readonly number[]): number {
  return shape.reduce((a, b) => a * b, 1);
}

/** Fits one center and scale over every pixel of the training images. */
export function fitImage(
  images: ImageBatch,
  trainRows: readonly number[],
  scaling: Scaling,
): ImagePreprocessing {
  if (trainRows.length === 0)
    throw new Error('the training split is empty; nothing to fit preprocessing on');
  return {
    kind: 'image',
    shape: [...images.shape],
    ...affineFrom(summarizePixels(images, trainRows), scaling),
  };
}

/** Exact statistics from a histogram of the 256 byte values, without a float copy of every pixel. */
function summarizePixels(images: ImageBatch, rows: readonly number[]): Summary {
  const size = imageSize(images.shape);
  const histogram = new Float64Array(256);
  for (const row of rows) {
    for (let p = row * size; p < (row + 1) * size; p++) {
      const value = images.pixels[p] ?? 0;
      histogram[value] = (histogram[value] ?? 0) + 1;
    }
  }
  const count = rows.length * size;
  let sum = 0;
  histogram.forEach((n, value) => (sum += n * value));
  const mean = sum / count;
  let squaredDeviations = 0;
  histogram.forEach((n, value) => (squaredDeviations += n * (value - mean) ** 2));
  const present = [...histogram.keys()].filter((value) => (histogram[value] ?? 0) > 0);
  return { count, mean, squaredDeviations, min: present[0] ?? 0, max: present.at(-1) ?? 0 };
}

/** The preprocessed images of the given rows, [rows.length, ...shape] row-major. */
export function applyImage(
  stats: ImagePreprocessing,
  images: ImageBatch,
  rows: readonly number[],
): Float32Array {
  const size = imageSize(stats.shape);
  if (imageSize(images.shape) !== size) {
    throw new Error(
      `images of shape [${images.shape.join(', ')}] do not match the fitted shape [${stats.shape.join(', ')}]`,
    );
  }
  const out = new Float32Array(rows.length * size);
  rows.forEach((row, i) => {
    const base = row * size;
    for (let p = 0; p < size; p++)
      out[i * size + p] = ((images.pixels[base + p] ?? 0) - stats.center) / stats.scale;
  });
  return out;
}
