/**
 * One way to write a measured number: as many decimals as its uncertainty supports. The
 * uncertainty (a standard deviation, or half a confidence interval) is shown to two significant
 * digits and the value to the same decimal place, so 0.5689 ± 0.01751 reads 0.569 ± 0.018.
 */

/** Decimal places that show `uncertainty` to two significant digits; null when it says nothing. */
export function decimalsFor(uncertainty: number): number | null {
  if (!Number.isFinite(uncertainty) || uncertainty <= 0) return null;
  return Math.max(0, Math.min(12, 1 - Math.floor(Math.log10(uncertainty))));
}

const formats = new Map<number, Intl.NumberFormat>();
const fourSignificant = new Intl.NumberFormat('en', { maximumSignificantDigits: 4 });

/** A number with a true minus sign, at `decimals` places or, without them, four significant digits. */
export function formatNumber(
  value: number | null | undefined,
  decimals: number | null = null,
): string {
  if (value === null || value === undefined) return '—';
  if (Number.isNaN(value)) return 'not a number';
  if (!Number.isFinite(value)) return value > 0 ? '∞' : '−∞';
  let format = decimals === null ? fourSignificant : formats.get(decimals);
  if (format === undefined) {
    format = new Intl.NumberFormat('en', {
      minimumFractionDigits: decimals ?? 0,
      maximumFractionDigits: decimals ?? 0,
      useGrouping: false,
    });
    formats.set(decimals ?? 0, format);
  }
  const text = format.format(value).replace('-', '−');
  // Rounding a tiny negative to zero must not leave "−0".
  return /^−0(\.0*)?$/.test(text) ? text.slice(1) : text;
}

/** "0.569 ± 0.018"; the mean alone when there is no spread to show. */
export function formatMeanSpread(mean: number, spread: number | null): string {
  const decimals = spread === null ? null : decimalsFor(spread);
  if (spread === null || decimals === null) return formatNumber(mean);
  return `${formatNumber(mean, decimals)} ± ${formatNumber(spread, decimals)}`;
}

/** An estimate and its interval at the decimals the interval's half-width supports. */
export function formatInterval(
  estimate: number,
  lower: number,
  upper: number,
): { estimate: string; lower: string; upper: string } {
  const decimals = decimalsFor((upper - lower) / 2);
  const sign = estimate > 0 ? '+' : '';
  return {
    estimate: `${sign}${formatNumber(estimate, decimals)}`,
    lower: formatNumber(lower, decimals),
    upper: formatNumber(upper, decimals),
  };
}
