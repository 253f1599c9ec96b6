/**
 * How many rows of each group go to each part, for fractions f (at most three parts, summing to 1)
 * and group sizes n_c taken in order. Every count is ⌊n_c·f⌋ or that plus one, and the running
 * totals stay within one row of the ideal: each part's total is within one row of (Σn_c)·f.
 *
 * Each group gives its leftover rows to the parts furthest behind their ideal running total. The
 * running shortfalls sum to zero and, with three parts or fewer, stay inside (−1, 1) after every
 * group (more parts could push one past a whole row, hence the limit).
 */
export function apportion(groupSizes: readonly number[], fractions: readonly number[]): number[][] {
  if (fractions.length > 3) {
    throw new Error(`apportion: handles at most three parts, received ${fractions.length}`);
  }
  const shortfall = fractions.map(() => 0);
  return groupSizes.map((size) => {
    const ideal = fractions.map((fraction) => size * fraction);
    const counts = ideal.map(Math.floor);
    const leftover = size - counts.reduce((sum, count) => sum + count, 0);
    const need = ideal.map(
      (value, part) => (shortfall[part] as number) + value - (counts[part] as number),
    );
    const neediest = need
      .map((value, part) => ({ value, part }))
      .sort((a, b) => b.value - a.value || a.part - b.part)
      .slice(0, leftover);
    for (const { part } of neediest) counts[part] = (counts[part] as number) + 1;
    counts.forEach((count, part) => {
      shortfall[part] = (shortfall[part] as number) + (ideal[part] as number) - count;
    });
    return counts;
  });
}
