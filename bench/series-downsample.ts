/**
 * What the run-comparison chart does on every zoom: 400 curves of 10,000 points each reduced to
 * 1,000 buckets. Prints a table of milliseconds per full pass. Run from the repository root:
 *
 *   node -e "import('vite').then((vite) => vite.runnerImport('./bench/series-downsample.ts'))"
 */
import { downsampleLttb, downsampleMinMax } from '../src-shared/series';

const SERIES = 400;
const POINTS = 10_000;
const BUCKETS = 1_000;
const REPEATS = 30;

const x = Float64Array.from({ length: POINTS }, (_, i) => i);
const curves = Array.from({ length: SERIES }, (_, s) =>
  Float64Array.from(
    { length: POINTS },
    (_, i) => Math.exp(-i / 3000) + 0.05 * Math.sin(i * (s + 1)),
  ),
);

function timePasses(pass: () => void): { median: number; best: number } {
  pass(); // warm-up: let the JIT compile the loop first
  const times = Array.from({ length: REPEATS }, () => {
    const start = performance.now();
    pass();
    return performance.now() - start;
  }).sort((a, b) => a - b);
  return { median: times[Math.floor(REPEATS / 2)] ?? 0, best: times[0] ?? 0 };
}

const rows = [
  ['min/max buckets', () => curves.forEach((y) => downsampleMinMax(x, y, BUCKETS))],
  ['LTTB', () => curves.forEach((y) => downsampleLttb(x, y, BUCKETS))],
] as const;

console.log(`${SERIES} series × ${POINTS} points → ${BUCKETS}, ms per pass over all series`);
console.table(
  Object.fromEntries(
    rows.map(([name, pass]) => {
      const { median, best } = timePasses(pass);
      return [name, { median: Number(median.toFixed(2)), best: Number(best.toFixed(2)) }];
    }),
  ),
);
