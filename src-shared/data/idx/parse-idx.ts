import type { ImageBatch } from '../preprocessing/image';

/**
 * The IDX format of MNIST (http://yann.lecun.com/exdb/mnist/): two zero bytes, a type byte, the
 * number of dimensions, each dimension as a big-endian 32-bit count, then the values row-major.
 * Only unsigned bytes (type 0x08) are read: MNIST and Fashion-MNIST images and labels use nothing else.
 */

export interface IdxArray {
  dims: number[];
  data: Uint8Array;
}

export class IdxError extends Error {
  override name = 'IdxError';
}

const UNSIGNED_BYTE = 0x08;
const TYPE_NAMES: Readonly<Record<number, string>> = {
  0x09: 'signed byte',
  0x0b: 'short',
  0x0c: 'int',
  0x0d: 'float',
  0x0e: 'double',
};

/** Parses decompressed IDX bytes; the file name appears in every error. */
export function parseIdx(bytes: Uint8Array, fileName: string): IdxArray {
  if (bytes.length < 4)
    throw new IdxError(`${fileName}: ${bytes.length} bytes is too short for an IDX header`);
  const [zero0, zero1, type, rank] = [bytes[0], bytes[1], bytes[2] ?? 0, bytes[3] ?? 0];
  if (zero0 !== 0 || zero1 !== 0) {
    const magic = [...bytes.subarray(0, 4)].map((b) => b.toString(16).padStart(2, '0')).join(' ');
    const gzip =
      zero0 === 0x1f && zero1 === 0x8b ? ' (these are gzip bytes: decompress first)' : '';
    throw new IdxError(
      `${fileName}: bad magic number ${magic}; an IDX file starts with 00 00${gzip}`,
    );
  }
  if (type !== UNSIGNED_BYTE) {
    const name = TYPE_NAMES[type];
    throw new IdxError(
      name === undefined
        ? `${fileName}: unknown IDX data type 0x${type.toString(16)}`
        : `${fileName}: IDX data type ${name} is not supported; only unsigned bytes (0x08) are`,
    );
  }
  if (rank === 0) throw new IdxError(`${fileName}: the IDX header declares no dimensions`);
  const headerLength = 4 + 4 * rank;
  if (bytes.length < headerLength) {
    throw new IdxError(
      `${fileName}: truncated header: ${rank} dimensions need ${headerLength} bytes, the file has ${bytes.length}`,
    );
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const dims = Array.from({ length: rank }, (_, d) => view.getUint32(4 + 4 * d, false));
  const expected = headerLength + dims.reduce((a, b) => a * b, 1);
  if (bytes.length < expected) {
    throw new IdxError(
      `${fileName}: truncated: dimensions [${dims.join(', ')}] need ${expected} bytes, the file has ${bytes.length}`,
    );
  }
  if (bytes.length > expected) {
    throw new IdxError(
      `${fileName}: ${bytes.length - expected} bytes follow the data that dimensions [${dims.join(', ')}] describe`,
    );
  }
  return { dims, data: bytes.subarray(headerLength) };
}

export interface LabelledImages extends ImageBatch {
  labels: Uint8Array;
  count: number;
}

/** Pairs an images file (n × height × width) with its labels file (n), checking that they agree. */
export function pairImagesWithLabels(
  images: IdxArray,
  labels: IdxArray,
  names: { images: string; labels: string },
): LabelledImages {
  const [count, height, width, ...rest] = images.dims;
  if (count === undefined || height === undefined || width === undefined || rest.length > 0) {
    throw new IdxError(
      `${names.images}: images need 3 dimensions (count, height, width), found [${images.dims.join(', ')}]`,
    );
  }
  if (labels.dims.length !== 1) {
    throw new IdxError(
      `${names.labels}: labels need 1 dimension (count), found [${labels.dims.join(', ')}]`,
    );
  }
  if (labels.dims[0] !== count) {
    throw new IdxError(
      `${names.images} holds ${count} images but ${names.labels} holds ${labels.dims[0]} labels; they must match one to one`,
    );
  }
  return { pixels: images.data, shape: [height, width, 1], labels: labels.data, count };
}
