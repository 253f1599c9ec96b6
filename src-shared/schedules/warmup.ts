import type { WarmupConfig } from './config';

/** PyTorch LinearLR from startFactor·ε₀ up to ε₀ over `duration` steps; k < duration. */
export function warmupLr(baseLr: number, warmup: WarmupConfig, k: number): number {
  return baseLr * (warmup.startFactor + ((1 - warmup.startFactor) * k) / warmup.duration);
}
