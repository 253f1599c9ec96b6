import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cyclicLr, type CyclicMode } from './cyclic';
import { cosineLr, stepDecayLr } from './decays';
import { warmRestartsLr } from './warm-restarts';

/** Bounded and seeded, so a failure reproduces and the suite stays fast. */
const runs = { numRuns: 100, seed: 20261206 };

const lrArb = fc.double({ min: 1e-5, max: 1, noNaN: true });
const stepArb = fc.integer({ min: 0, max: 5_000 });
const tolerance = (scale: number) => 1e-12 * Math.max(1, scale);

describe('schedule properties', () => {
  it('cyclic stays within [baseLr, maxLr], and triangular repeats every cycle', () => {
    fc.assert(
      fc.property(
        lrArb,
        lrArb,
        fc.integer({ min: 1, max: 50 }),
        fc.integer({ min: 1, max: 50 }),
        fc.constantFrom<CyclicMode>('triangular', 'triangular2', 'exp_range'),
        stepArb,
        (a, b, stepSizeUp, stepSizeDown, mode, k) => {
          const params = {
            baseLr: Math.min(a, b),
            maxLr: Math.max(a, b),
            mode,
            stepSizeUp,
            stepSizeDown,
            gamma: 0.999,
          };
          const lr = cyclicLr(params, k);
          expect(lr).toBeGreaterThanOrEqual(params.baseLr - tolerance(params.maxLr));
          expect(lr).toBeLessThanOrEqual(params.maxLr + tolerance(params.maxLr));
          if (mode === 'triangular') {
            const period = stepSizeUp + stepSizeDown;
            expect(cyclicLr(params, k + period)).toBeCloseTo(lr, 12);
          }
        },
      ),
      runs,
    );
  });

  it('cosine with warm restarts stays within [etaMin, baseLr] and, with tMult 1, repeats every t0', () => {
    fc.assert(
      fc.property(
        lrArb,
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.integer({ min: 1, max: 60 }),
        fc.constantFrom(1, 2, 3),
        stepArb,
        (baseLr, minShare, t0, tMult, k) => {
          const params = { baseLr, etaMin: baseLr * minShare, t0, tMult };
          const lr = warmRestartsLr(params, k);
          expect(lr).toBeGreaterThanOrEqual(params.etaMin - tolerance(baseLr));
          expect(lr).toBeLessThanOrEqual(baseLr + tolerance(baseLr));
          if (tMult === 1) expect(warmRestartsLr(params, k + t0)).toBeCloseTo(lr, 12);
        },
      ),
      runs,
    );
  });

  it('cosine annealing is periodic in 2·tMax and bounded; step decay never rises', () => {
    fc.assert(
      fc.property(
        lrArb,
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.integer({ min: 1, max: 200 }),
        stepArb,
        fc.double({ min: 0.01, max: 1, noNaN: true }),
        (baseLr, minShare, tMax, k, gamma) => {
          const etaMin = baseLr * minShare;
          const lr = cosineLr(baseLr, tMax, etaMin, k);
          expect(lr).toBeGreaterThanOrEqual(etaMin - tolerance(baseLr));
          expect(lr).toBeLessThanOrEqual(baseLr + tolerance(baseLr));
          expect(cosineLr(baseLr, tMax, etaMin, k + 2 * tMax)).toBeCloseTo(lr, 12);
          expect(stepDecayLr(baseLr, tMax, gamma, k + 1)).toBeLessThanOrEqual(
            stepDecayLr(baseLr, tMax, gamma, k),
          );
        },
      ),
      runs,
    );
  });
});
