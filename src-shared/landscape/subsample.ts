/**
 * `limit` row indices spread evenly over `count` rows (row ⌊k·count/limit⌋), or every row when
 * there are no more than `limit`. The split has already shuffled the rows, so an even spread is a
 * fixed, reproducible sample of them.
 */
export function evenlySpacedRows(count: number, limit: number): Uint32Array {
  if (count <= limit) return Uint32Array.from({ length: count }, (_, i) => i);
  return Uint32Array.from({ length: limit }, (_, k) => Math.floor((k * count) / limit));
}
