import type { CurveColumns } from './curve-columns';

const BYTES = Float64Array.BYTES_PER_ELEMENT;

/**
 * A block's points as two blobs of float64 pairs of columns, in the machine's byte order (Basin
 * runs on little-endian machines only, x86-64 and arm64, so database files move between them
 * unchanged): steps then values, which every curve needs, and epochs then wall times, which only
 * curves against those axes need. Kept apart, a block row of 128 points fits in one page.
 */
export function encodeColumns(columns: CurveColumns): { points: Buffer; times: Buffer } {
  return {
    points: pair(columns.step, columns.value),
    times: pair(columns.epoch, columns.wallTime),
  };
}

function pair(first: Float64Array, second: Float64Array): Buffer {
  const both = new Float64Array(first.length + second.length);
  both.set(first);
  both.set(second, first.length);
  return Buffer.from(both.buffer, both.byteOffset, both.byteLength);
}

function unpair(blob: Buffer): [Float64Array, Float64Array] {
  if (blob.byteLength % (2 * BYTES) !== 0) {
    throw new Error(
      `A curve block column pair holds ${blob.byteLength} bytes, not a whole number of points`,
    );
  }
  // A view needs 8-byte alignment; a pooled Buffer may not have it.
  const both =
    blob.byteOffset % BYTES === 0
      ? new Float64Array(blob.buffer, blob.byteOffset, blob.byteLength / BYTES)
      : new Float64Array(new Uint8Array(blob).buffer);
  const length = both.length / 2;
  return [both.subarray(0, length), both.subarray(length)];
}

export function decodePoints(points: Buffer): { step: Float64Array; value: Float64Array } {
  const [step, value] = unpair(points);
  return { step, value };
}

export function decodeTimes(times: Buffer): { epoch: Float64Array; wallTime: Float64Array } {
  const [epoch, wallTime] = unpair(times);
  return { epoch, wallTime };
}

export function decodeColumns(points: Buffer, times: Buffer): CurveColumns {
  return { ...decodePoints(points), ...decodeTimes(times) };
}
