import { basename } from 'node:path';
import { pairImagesWithLabels, parseIdx } from '@shared/data/idx/parse-idx';
import type { LabelledImages } from '@shared/data/idx/parse-idx';
import { readMaybeGzipped } from './read-bytes';

/** Reads an MNIST-format images file and its labels file, each gzipped or raw. */
export async function readIdxPair(paths: {
  images: string;
  labels: string;
}): Promise<LabelledImages> {
  const [images, labels] = await Promise.all([
    readMaybeGzipped(paths.images),
    readMaybeGzipped(paths.labels),
  ]);
  const names = { images: basename(paths.images), labels: basename(paths.labels) };
  return pairImagesWithLabels(
    parseIdx(images, names.images),
    parseIdx(labels, names.labels),
    names,
  );
}
