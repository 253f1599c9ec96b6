import type { OptimizerConfig } from '@shared/experiment/optimization';
import { assertNever } from '@shared/contract/envelope';

/** The per-parameter state tensors each optimizer keeps, in a fixed order (saved, fused kernels). */
export type SlotName = 'momentum' | 'sum' | 'squareAvg' | 'gradAvg' | 'expAvg' | 'expAvgSq';

export function slotNames(config: OptimizerConfig): SlotName[] {
  switch (config.kind) {
    case 'sgd':
      return [];
    case 'momentum':
      return ['momentum'];
    case 'adagrad':
      return ['sum'];
    case 'rmsprop':
      return [
        'squareAvg',
        ...(config.centered ? (['gradAvg'] as const) : []),
        ...(config.momentum > 0 ? (['momentum'] as const) : []),
      ];
    case 'adam':
    case 'adamw':
      return ['expAvg', 'expAvgSq'];
    case 'lbfgs':
      // Its curvature history is not per parameter: it lives in the run's Lbfgs (lbfgs-step.ts).
      return [];
    default:
      return assertNever(config, 'optimizer kind');
  }
}
