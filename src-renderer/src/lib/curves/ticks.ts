/**
 * Axis tick labels for the chart kit: as few significant digits as keep neighbouring ticks
 * distinct (no "0.002, 0.002, 0.001"), and whole-number steps on axes that count (epochs, steps).
 */

/** Tick spacings for a counting axis: never a fraction of an epoch. */
export const WHOLE_INCREMENTS: number[] = [1, 2, 5]
  .flatMap((base) => Array.from({ length: 10 }, (_, power) => base * 10 ** power))
  .sort((a, b) => a - b);

const formats = new Map<number, Intl.NumberFormat>();

function significant(value: number, digits: number): string {
  let format = formats.get(digits);
  if (format === undefined) {
    format = new Intl.NumberFormat('en', { maximumSignificantDigits: digits, useGrouping: false });
    formats.set(digits, format);
  }
  const text = format.format(value).replace('-', '−');
  return text === '−0' ? '0' : text;
}

/** Labels for the tick values uPlot chose: the fewest significant digits (2 to 8) that tell them apart. */
export function tickLabels(values: readonly (number | null)[]): string[] {
  const shown = values.filter((value): value is number => value !== null);
  for (let digits = 2; digits <= 8; digits++) {
    const labels = shown.map((value) => significant(value, digits));
    if (new Set(labels).size === labels.length)
      return values.map((v) => (v === null ? '' : significant(v, digits)));
  }
  return values.map((value) => (value === null ? '' : significant(value, 8)));
}
