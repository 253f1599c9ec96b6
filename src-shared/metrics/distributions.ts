import { logGamma, studentTTwoSidedPValue } from './special-functions';

/**
 * Normal and Student-t distribution functions the confidence intervals need, accurate to about
 * 1e-14 relative (checked against SciPy `norm.cdf`, `norm.ppf`, `t.ppf`).
 */

const SQRT_PI = Math.sqrt(Math.PI);

/** erfc(x) for x ≥ 0: the power series of erf below 2.5, the continued fraction above. */
function complementaryErrorFunction(x: number): number {
  if (x < 2.5) {
    // erf(x) = 2/√π · e^(−x²) · Σ 2ⁿ x^(2n+1) / (1·3·…·(2n+1)): positive terms, no cancellation.
    let term = x;
    let sum = x;
    for (let n = 1; n < 200 && term > sum * 1e-17; n++) {
      term *= (2 * x * x) / (2 * n + 1);
      sum += term;
    }
    return 1 - (2 / SQRT_PI) * Math.exp(-x * x) * sum;
  }
  // erfc(x) = e^(−x²)/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + …)))), by the modified Lentz method.
  const tiny = 1e-300;
  let fraction = x;
  let c = x;
  let d = 0;
  for (let k = 1; k < 500; k++) {
    const a = k / 2;
    d = x + a * d;
    d = 1 / (Math.abs(d) < tiny ? tiny : d);
    c = x + a / c;
    if (Math.abs(c) < tiny) c = tiny;
    const step = c * d;
    fraction *= step;
    if (Math.abs(step - 1) < 1e-16) break;
  }
  return Math.exp(-x * x) / (SQRT_PI * fraction);
}

/** Φ(x), the standard normal distribution function (SciPy `norm.cdf` / `ndtr`). */
export function normalCdf(x: number): number {
  if (Number.isNaN(x)) throw new Error('normalCdf: x must be a number, received NaN');
  const z = Math.abs(x) / Math.SQRT2;
  const upperTail = 0.5 * complementaryErrorFunction(z);
  return x < 0 ? upperTail : 1 - upperTail;
}

// Acklam's rational approximation (relative error 1.15e-9), refined by one Halley step.
const A = [
  -3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2,
  -3.066479806614716e1, 2.506628277459239,
];
const B = [
  -5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1,
  -1.328068155288572e1,
];
const C = [
  -7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734,
  4.374664141464968, 2.938163982698783,
];
const D = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];

function polynomial(coefficients: readonly number[], x: number): number {
  let value = 0;
  for (const coefficient of coefficients) value = value * x + coefficient;
  return value;
}

/** Φ⁻¹(p), the standard normal quantile (SciPy `norm.ppf` / `ndtri`); ±∞ at 0 and 1. */
export function normalQuantile(p: number): number {
  if (!(p >= 0 && p <= 1)) throw new Error(`normalQuantile: p must be in [0, 1], received ${p}`);
  if (p === 0) return -Infinity;
  if (p === 1) return Infinity;
  // The upper half by symmetry: Φ(x) near 1 has lost the digits that 1 − Φ(x) keeps.
  if (p > 0.5) return -normalQuantile(1 - p);
  const low = 0.02425;
  let x: number;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    x = polynomial(C, q) / (polynomial(D, q) * q + 1);
  } else {
    const q = p - 0.5;
    const r = q * q;
    x = (polynomial(A, r) * q) / (polynomial(B, r) * r + 1);
  }
  // Halley: the error of Φ(x) − p relative to the density, corrected to third order.
  const error = normalCdf(x) - p;
  const ratio = error * Math.sqrt(2 * Math.PI) * Math.exp((x * x) / 2);
  return x - ratio / (1 + (x * ratio) / 2);
}

/** The Student-t density with `df` degrees of freedom. */
function studentTDensity(t: number, df: number): number {
  const logNormaliser = logGamma((df + 1) / 2) - logGamma(df / 2) - 0.5 * Math.log(df * Math.PI);
  return Math.exp(logNormaliser - ((df + 1) / 2) * Math.log1p((t * t) / df));
}

/** P(T ≤ t) for Student's t with `df` degrees of freedom. */
function studentTCdf(t: number, df: number): number {
  const tail = studentTTwoSidedPValue(t, df) / 2;
  return t < 0 ? tail : 1 - tail;
}

/**
 * The p-quantile of Student's t with `df` degrees of freedom (SciPy `t.ppf(p, df)`): Newton's
 * method on the distribution function, kept inside a shrinking bracket so it cannot diverge.
 */
export function studentTQuantile(p: number, df: number): number {
  if (!(p > 0 && p < 1)) throw new Error(`studentTQuantile: p must be in (0, 1), received ${p}`);
  if (!(df > 0) || !Number.isFinite(df)) {
    throw new Error(`studentTQuantile: df must be a finite number > 0, received ${df}`);
  }
  if (p === 0.5) return 0;
  if (p < 0.5) return -studentTQuantile(1 - p, df);
  let low = 0;
  let high = 1;
  while (studentTCdf(high, df) < p) {
    low = high;
    high *= 2;
  }
  let t = Math.min(Math.max(normalQuantile(p), low), high);
  for (let iteration = 0; iteration < 200; iteration++) {
    const error = studentTCdf(t, df) - p;
    if (error === 0) return t;
    if (error > 0) high = t;
    else low = t;
    let next = t - error / studentTDensity(t, df);
    if (!(next > low && next < high)) next = (low + high) / 2;
    if (Math.abs(next - t) <= 1e-15 * Math.abs(t)) return next;
    t = next;
  }
  return t;
}
