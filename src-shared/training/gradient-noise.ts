/**
 * Annealed Gaussian gradient noise (Neelakantan et al., 2015): at training step t (0-based) the
 * noise added to each gradient component has variance η / (1 + t)^γ.
 */
export function gradientNoiseVariance(eta: number, gamma: number, step: number): number {
  if (!(eta >= 0 && Number.isFinite(eta))) {
    throw new Error(`gradient noise: eta must be a number ≥ 0, received ${eta}`);
  }
  if (!(gamma >= 0 && Number.isFinite(gamma))) {
    throw new Error(`gradient noise: gamma must be a number ≥ 0, received ${gamma}`);
  }
  if (!(Number.isInteger(step) && step >= 0)) {
    throw new Error(`gradient noise: step must be a whole number ≥ 0, received ${step}`);
  }
  return eta / (1 + step) ** gamma;
}
