import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { FASHION_MNIST_DIR } from '../../data/fashion-mnist';

const FILES = {
  trainImages: 'train-images-idx3-ubyte',
  trainLabels: 'train-labels-idx1-ubyte',
  testImages: 't10k-images-idx3-ubyte',
  testLabels: 't10k-labels-idx1-ubyte',
} as const;

export const fashionMnistInstalled = existsSync(join(FASHION_MNIST_DIR, `${FILES.trainImages}.gz`));

/** The first `count` records of an IDX file, header count rewritten (big-endian, as IDX stores it). */
function firstRecords(bytes: Buffer, count: number): Buffer {
  const dimensions = bytes[3] as number;
  const header = 4 + 4 * dimensions;
  let recordSize = 1;
  for (let d = 1; d < dimensions; d++) recordSize *= bytes.readUInt32BE(4 + 4 * d);
  const out = Buffer.from(bytes.subarray(0, header + count * recordSize));
  out.writeUInt32BE(count, 4);
  return out;
}

/**
 * A small Fashion-MNIST in the same four-file layout (uncompressed IDX), for tests and quick
 * benchmarks that must stay in seconds. Returns the folder.
 */
export function writeFashionMnistSubset(
  train: number,
  test: number,
  folder = mkdtempSync(join(tmpdir(), 'basin-fmnist-')),
): string {
  const read = (name: string) => gunzipSync(readFileSync(join(FASHION_MNIST_DIR, `${name}.gz`)));
  writeFileSync(join(folder, FILES.trainImages), firstRecords(read(FILES.trainImages), train));
  writeFileSync(join(folder, FILES.trainLabels), firstRecords(read(FILES.trainLabels), train));
  writeFileSync(join(folder, FILES.testImages), firstRecords(read(FILES.testImages), test));
  writeFileSync(join(folder, FILES.testLabels), firstRecords(read(FILES.testLabels), test));
  return folder;
}
