import { describe, expect, it } from 'vitest';
import { pairImagesWithLabels, parseIdx } from './parse-idx';

/** An IDX file of unsigned bytes built by hand: magic 00 00 08 rank, big-endian dims, data. */
function idx(dims: number[], data: number[]): Uint8Array {
  const bytes = new Uint8Array(4 + 4 * dims.length + data.length);
  bytes.set([0, 0, 0x08, dims.length]);
  const view = new DataView(bytes.buffer);
  dims.forEach((d, i) => view.setUint32(4 + 4 * i, d, false));
  bytes.set(data, 4 + 4 * dims.length);
  return bytes;
}

describe('parseIdx', () => {
  it('reads dimensions big-endian and the bytes after the header', () => {
    const pixels = Array.from({ length: 2 * 3 * 2 }, (_, i) => i * 20);
    const parsed = parseIdx(idx([2, 3, 2], pixels), 'images.idx3');
    expect(parsed.dims).toEqual([2, 3, 2]);
    expect([...parsed.data]).toEqual(pixels);
  });

  it('reads counts above 65535 (a 4-byte dimension)', () => {
    const bytes = idx([70_000], new Array(70_000).fill(3));
    expect(parseIdx(bytes, 'labels.idx1').dims).toEqual([70_000]);
  });

  it('names the file and the problem', () => {
    expect(() => parseIdx(new Uint8Array([0, 0]), 'tiny.idx')).toThrow(
      'tiny.idx: 2 bytes is too short for an IDX header',
    );
    expect(() => parseIdx(new Uint8Array([0x1f, 0x8b, 8, 0, 0, 0]), 'packed.gz')).toThrow(
      'packed.gz: bad magic number 1f 8b 08 00; an IDX file starts with 00 00 (these are gzip bytes: decompress first)',
    );
    const floats = idx([1], [0, 0, 0, 0]);
    floats[2] = 0x0d;
    expect(() => parseIdx(floats, 'floats.idx')).toThrow(
      'floats.idx: IDX data type float is not supported',
    );
    expect(() => parseIdx(idx([2, 2], [1, 2, 3]), 'short.idx')).toThrow(
      'short.idx: truncated: dimensions [2, 2] need 16 bytes, the file has 15',
    );
    expect(() => parseIdx(idx([4, 1], [1, 2, 3, 4]).subarray(0, 10), 'head.idx')).toThrow(
      'head.idx: truncated header: 2 dimensions need 12 bytes, the file has 10',
    );
    expect(() => parseIdx(idx([2], [1, 2, 3]), 'long.idx')).toThrow(
      'long.idx: 1 bytes follow the data',
    );
  });
});

describe('pairImagesWithLabels', () => {
  const names = { images: 'img.idx3', labels: 'lbl.idx1' };

  it('gives images a channel dimension and keeps labels', () => {
    const paired = pairImagesWithLabels(
      parseIdx(idx([2, 1, 2], [1, 2, 3, 4]), names.images),
      parseIdx(idx([2], [7, 9]), names.labels),
      names,
    );
    expect(paired.shape).toEqual([1, 2, 1]);
    expect(paired.count).toBe(2);
    expect([...paired.labels]).toEqual([7, 9]);
  });

  it('refuses a count mismatch and wrong ranks, naming both files', () => {
    const images = parseIdx(idx([3, 1, 1], [1, 2, 3]), names.images);
    expect(() =>
      pairImagesWithLabels(images, parseIdx(idx([2], [0, 1]), names.labels), names),
    ).toThrow('img.idx3 holds 3 images but lbl.idx1 holds 2 labels');
    expect(() =>
      pairImagesWithLabels(parseIdx(idx([3], [1, 2, 3]), names.images), images, names),
    ).toThrow('img.idx3: images need 3 dimensions (count, height, width), found [3]');
  });
});
