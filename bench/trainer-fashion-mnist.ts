/**
 * Fashion-MNIST as the trainer benchmark's bare TF.js loop reads it: the IDX files of a folder
 * (gzipped or raw), the first `samples` training images and `testSamples` test images, pixels
 * standardised with the training pixels' mean and standard deviation. Imports nothing but Node,
 * so Node runs it directly.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';

export interface FashionMnist {
  train: { x: Float32Array; labels: Int32Array; count: number };
  test: { x: Float32Array; labels: Int32Array; count: number };
}

function readIdx(folder: string, name: string): Buffer {
  const raw = join(folder, name);
  if (existsSync(raw)) return readFileSync(raw);
  return gunzipSync(readFileSync(`${raw}.gz`));
}

function images(bytes: Buffer, count: number): Uint8Array {
  const available = bytes.readUInt32BE(4);
  return bytes.subarray(16, 16 + Math.min(count, available) * 784);
}

function labels(bytes: Buffer, count: number): Int32Array {
  return Int32Array.from(bytes.subarray(8, 8 + Math.min(count, bytes.readUInt32BE(4))));
}

/** The first `count` raw test images (bytes, 784 per image) and their labels. */
export function readRawTest(
  folder: string,
  count: number,
): { pixels: Uint8Array; labels: Int32Array } {
  return {
    pixels: images(readIdx(folder, 't10k-images-idx3-ubyte'), count),
    labels: labels(readIdx(folder, 't10k-labels-idx1-ubyte'), count),
  };
}

export function readFashionMnist(
  folder: string,
  samples: number,
  testSamples: number,
): FashionMnist {
  const trainPixels = images(readIdx(folder, 'train-images-idx3-ubyte'), samples);
  const testPixels = images(readIdx(folder, 't10k-images-idx3-ubyte'), testSamples);
  let sum = 0;
  let squares = 0;
  for (const p of trainPixels) {
    sum += p;
    squares += p * p;
  }
  const mean = sum / trainPixels.length;
  const sd = Math.sqrt(squares / trainPixels.length - mean * mean);
  const scale = (pixels: Uint8Array) => Float32Array.from(pixels, (p) => (p - mean) / sd);
  const trainLabels = labels(readIdx(folder, 'train-labels-idx1-ubyte'), samples);
  const testLabels = labels(readIdx(folder, 't10k-labels-idx1-ubyte'), testSamples);
  return {
    train: { x: scale(trainPixels), labels: trainLabels, count: trainLabels.length },
    test: { x: scale(testPixels), labels: testLabels, count: testLabels.length },
  };
}
