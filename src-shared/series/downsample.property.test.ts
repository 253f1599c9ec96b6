import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { downsampleMinMax } from './downsample-min-max';

/** Bounded and seeded, so a failure reproduces and the suite stays fast. */
const runs = { numRuns: 100, seed: 20261206 };

const valueArb = fc.oneof(
  { weight: 9, arbitrary: fc.double({ min: -1e6, max: 1e6, noNaN: true }) },
  { weight: 1, arbitrary: fc.constant(Number.NaN) },
);

describe('downsampleMinMax properties', () => {
  it('keeps the extremes, order and at most two points a bucket', () => {
    fc.assert(
      fc.property(
        fc.array(valueArb, { minLength: 0, maxLength: 500 }),
        fc.integer({ min: 1, max: 120 }),
        (values, maxBuckets) => {
          const x = values.map((_, i) => i);
          const result = downsampleMinMax(x, values, maxBuckets);
          expect(result.buckets).toBe(Math.min(maxBuckets, values.length));
          expect(result.y.length).toBeLessThanOrEqual(2 * result.buckets);
          const finite = values.filter((v) => !Number.isNaN(v));
          if (finite.length > 0) {
            expect(Math.min(...result.y)).toBe(Math.min(...finite));
            expect(Math.max(...result.y)).toBe(Math.max(...finite));
          } else {
            expect(result.y.length).toBe(0);
          }
          // Points come back in their original order, each with its own x.
          for (let i = 0; i < result.x.length; i++) {
            const at = result.x[i] as number;
            expect(result.y[i]).toBe(values[at]);
            if (i > 0) expect(at).toBeGreaterThan(result.x[i - 1] as number);
          }
        },
      ),
      runs,
    );
  });
});
