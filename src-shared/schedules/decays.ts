/** Closed forms of the monotone decays; k is the 0-based schedule step. */

/** PyTorch StepLR. */
export function stepDecayLr(baseLr: number, stepSize: number, gamma: number, k: number): number {
  return baseLr * gamma ** Math.floor(k / stepSize);
}

/** PyTorch ExponentialLR. */
export function exponentialLr(baseLr: number, gamma: number, k: number): number {
  return baseLr * gamma ** k;
}

/** 1/t decay: ε₀/(1 + decayRate·k). */
export function inverseTimeLr(baseLr: number, decayRate: number, k: number): number {
  return baseLr / (1 + decayRate * k);
}

/** (1 − k/τ)ε₀ + (k/τ)ε_τ until k = τ, then ε_τ (PyTorch LinearLR from 1 to ε_τ/ε₀). */
export function linearDecayLr(baseLr: number, tau: number, finalLr: number, k: number): number {
  const progress = Math.min(k, tau) / tau;
  return (1 - progress) * baseLr + progress * finalLr;
}

/** PyTorch CosineAnnealingLR (closed form; periodic beyond tMax, as PyTorch's is). */
export function cosineLr(baseLr: number, tMax: number, etaMin: number, k: number): number {
  return etaMin + ((baseLr - etaMin) * (1 + Math.cos((Math.PI * k) / tMax))) / 2;
}
