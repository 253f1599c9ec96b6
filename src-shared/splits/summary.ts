export interface PartSummary {
  readonly name: string;
  readonly size: number;
  /** size / rows in all parts; 0 when there are no rows at all. */
  readonly share: number;
  /** Rows of each class in this part (index = class), when classes were given. */
  readonly classCounts: number[] | null;
  /** classCounts / size; null without classes or for an empty part, which has no balance. */
  readonly classShares: number[] | null;
}

export interface SplitSummary {
  readonly total: number;
  readonly parts: PartSummary[];
  /** Each class's share of all rows in the parts, to compare each part's balance against. */
  readonly classShares: number[] | null;
}

function countClasses(rows: ArrayLike<number>, classes: ArrayLike<number>): number[] {
  const counts: number[] = [];
  for (let i = 0; i < rows.length; i++) {
    const row = rows[i] as number;
    const label = classes[row];
    if (label === undefined || !Number.isInteger(label) || label < 0) {
      throw new Error(
        `classes[${row}]: must be a class index (a whole number ≥ 0), received ${label}`,
      );
    }
    while (counts.length <= label) counts.push(0);
    counts[label] = (counts[label] as number) + 1;
  }
  return counts;
}

function sharesOf(counts: readonly number[], size: number): number[] | null {
  return size === 0 ? null : counts.map((count) => count / size);
}

/**
 * Sizes and class balance of named parts, e.g. `{ train, validation, test }` from a holdout or
 * `{ test, 'fold 1': folds[0].validation, … }` from a k-fold split. Cheap enough to run on every
 * change of the split settings.
 */
export function summarizeSplit(
  parts: Readonly<Record<string, ArrayLike<number>>>,
  classes?: ArrayLike<number>,
): SplitSummary {
  const entries = Object.entries(parts);
  const total = entries.reduce((sum, [, rows]) => sum + rows.length, 0);
  const unpadded =
    classes === undefined ? null : entries.map(([, rows]) => countClasses(rows, classes));
  const classCount = Math.max(0, ...(unpadded ?? []).map((counts) => counts.length));
  const counts = unpadded?.map((partCounts) =>
    Array.from({ length: classCount }, (_, k) => partCounts[k] ?? 0),
  );
  const overall = counts?.reduce(
    (sum, partCounts) => sum.map((count, k) => count + (partCounts[k] as number)),
    new Array<number>(classCount).fill(0),
  );
  return {
    total,
    parts: entries.map(([name, rows], i) => {
      const classCounts = counts?.[i] ?? null;
      return {
        name,
        size: rows.length,
        share: total === 0 ? 0 : rows.length / total,
        classCounts,
        classShares: classCounts === null ? null : sharesOf(classCounts, rows.length),
      };
    }),
    classShares: overall === undefined ? null : sharesOf(overall, total),
  };
}
