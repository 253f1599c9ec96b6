/**
 * Holm's step-down adjustment of p-values for k comparisons made together (statsmodels
 * `multipletests(method='holm')`): the i-th smallest is multiplied by k − i + 1, then made
 * non-decreasing in that order and capped at 1. Controls the family-wise error rate without
 * Bonferroni's loss of power.
 */
export function holmAdjust(pValues: readonly number[]): number[] {
  pValues.forEach((p, i) => {
    if (!(p >= 0 && p <= 1)) throw new Error(`pValues[${i}]: must be in [0, 1], received ${p}`);
  });
  const k = pValues.length;
  const order = pValues.map((p, i) => ({ p, i })).sort((a, b) => a.p - b.p);
  const adjusted = new Array<number>(k);
  let running = 0;
  order.forEach(({ p, i }, rank) => {
    running = Math.max(running, Math.min(1, (k - rank) * p));
    adjusted[i] = running;
  });
  return adjusted;
}
