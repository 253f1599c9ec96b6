import { requireSameLength, requireWholeAtLeast } from './checks';

/**
 * Largest-Triangle-Three-Buckets (Steinarsson, 2013): keeps the first and last points and, from
 * each of `points − 2` equal buckets between them, the point that spans the largest triangle with
 * the point kept before it and the average of the next bucket. Good for overview lines, where the
 * shape matters more than every extreme (use downsampleMinMax to keep every spike). Returns at most
 * `points` points; a series that is already short enough comes back as a copy.
 */
export function downsampleLttb(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  points: number,
): { readonly x: Float64Array; readonly y: Float64Array } {
  requireSameLength(x, y);
  requireWholeAtLeast('points', points, 3);
  for (let i = 0; i < x.length; i++) {
    if (!Number.isFinite(x[i]) || !Number.isFinite(y[i])) {
      throw new Error(`point ${i}: LTTB needs finite x and y, received (${x[i]}, ${y[i]})`);
    }
  }
  const length = x.length;
  if (length <= points) return { x: Float64Array.from(x), y: Float64Array.from(y) };

  const outX = new Float64Array(points);
  const outY = new Float64Array(points);
  const bucketSize = (length - 2) / (points - 2);
  let kept = 0;
  outX[0] = x[0] as number;
  outY[0] = y[0] as number;
  for (let b = 0; b < points - 2; b++) {
    const nextStart = Math.floor((b + 1) * bucketSize) + 1;
    const nextEnd = Math.min(Math.floor((b + 2) * bucketSize) + 1, length);
    let averageX = 0;
    let averageY = 0;
    for (let i = nextStart; i < nextEnd; i++) {
      averageX += x[i] as number;
      averageY += y[i] as number;
    }
    averageX /= nextEnd - nextStart;
    averageY /= nextEnd - nextStart;

    const anchorX = x[kept] as number;
    const anchorY = y[kept] as number;
    let largest = -1;
    const end = Math.floor((b + 1) * bucketSize) + 1;
    for (let i = Math.floor(b * bucketSize) + 1; i < end; i++) {
      // Twice the triangle's area; the factor ½ does not change which is largest.
      const area = Math.abs(
        (anchorX - averageX) * ((y[i] as number) - anchorY) -
          (anchorX - (x[i] as number)) * (averageY - anchorY),
      );
      if (area > largest) {
        largest = area;
        kept = i;
      }
    }
    outX[b + 1] = x[kept] as number;
    outY[b + 1] = y[kept] as number;
  }
  outX[points - 1] = x[length - 1] as number;
  outY[points - 1] = y[length - 1] as number;
  return { x: outX, y: outY };
}
