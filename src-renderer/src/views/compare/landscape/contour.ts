/** A segment of an iso-line in grid coordinates: i along x (0 … nx − 1), j along y (0 … ny − 1). */
export interface Segment {
  level: number;
  from: [number, number];
  to: [number, number];
}

/** `count` evenly spaced levels strictly inside the finite values' range. */
export function contourLevels(values: readonly number[], count: number): number[] {
  const finite = values.filter(Number.isFinite);
  if (finite.length === 0) return [];
  const low = Math.min(...finite);
  const high = Math.max(...finite);
  if (high === low) return [];
  return Array.from({ length: count }, (_, k) => low + ((high - low) * (k + 1)) / (count + 1));
}

/**
 * Iso-lines of a row-major grid (values[j·nx + i]) by marching squares, interpolating linearly
 * along cell edges. A saddle cell is split by the mean of its corners. Cells with a non-finite
 * corner are skipped.
 */
export function contourSegments(
  values: readonly number[],
  nx: number,
  ny: number,
  levels: readonly number[],
): Segment[] {
  const at = (i: number, j: number) => values[j * nx + i] as number;
  const segments: Segment[] = [];
  for (const level of levels) {
    for (let j = 0; j + 1 < ny; j++) {
      for (let i = 0; i + 1 < nx; i++) {
        const corners = [at(i, j), at(i + 1, j), at(i + 1, j + 1), at(i, j + 1)];
        if (!corners.every(Number.isFinite)) continue;
        const [a, b, c, d] = corners as [number, number, number, number];
        // Points where the level crosses each edge: bottom, right, top, left.
        const cross = (v0: number, v1: number, p0: [number, number], p1: [number, number]) => {
          if (v0 < level === v1 < level) return null;
          const f = (level - v0) / (v1 - v0);
          return [p0[0] + f * (p1[0] - p0[0]), p0[1] + f * (p1[1] - p0[1])] as [number, number];
        };
        const edges = [
          cross(a, b, [i, j], [i + 1, j]),
          cross(b, c, [i + 1, j], [i + 1, j + 1]),
          cross(d, c, [i, j + 1], [i + 1, j + 1]),
          cross(a, d, [i, j], [i, j + 1]),
        ];
        const hits = edges.flatMap((point, edge) => (point === null ? [] : [{ point, edge }]));
        if (hits.length === 2) {
          segments.push({ level, from: hits[0]!.point, to: hits[1]!.point });
        } else if (hits.length === 4) {
          const centreAbove = (a + b + c + d) / 4 >= level;
          const aAbove = a >= level;
          // Pair each edge with the neighbour that separates the same corner from the centre.
          const pairs =
            centreAbove === aAbove
              ? [
                  [0, 1],
                  [2, 3],
                ]
              : [
                  [0, 3],
                  [1, 2],
                ];
          for (const [p, q] of pairs) {
            segments.push({ level, from: edges[p!]!, to: edges[q!]! });
          }
        }
      }
    }
  }
  return segments;
}
