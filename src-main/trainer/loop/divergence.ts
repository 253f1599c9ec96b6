import type { Divergence } from '@shared/contract/trainer-protocol';
import type { Explosion } from './layer-monitor';

function format(value: number): string {
  return Number(value.toPrecision(3)).toString();
}

/** A diagnosis a person can act on: where the run blew up and what to change. */
export function diagnoseDivergence(
  where: { epoch: number; batch: number; learningRate: number; cause: Divergence['cause'] },
  explosion: Explosion,
  clipping: boolean,
): Divergence {
  const advice = clipping
    ? `lower the learning rate (it was ${format(where.learningRate)}) or clip gradients harder`
    : `lower the learning rate (it was ${format(where.learningRate)}) or clip gradients (training.gradientClipping: { "kind": "globalNorm", "maxNorm": 1 })`;
  const layer =
    explosion.layer === null
      ? ''
      : explosion.layerGradientNorm !== null && explosion.typicalGradientNorm !== null
        ? `; the gradient norm of ${explosion.layer} reached ${format(explosion.layerGradientNorm)} against a typical ${format(explosion.typicalGradientNorm)}`
        : `; the gradients of ${explosion.layer} went non-finite first`;
  return { ...where, ...explosion, hint: `${advice}${layer}` };
}

export function divergenceMessage(d: Divergence): string {
  const what =
    d.cause === 'loss'
      ? 'the training loss'
      : d.cause === 'gradient'
        ? 'a gradient'
        : 'the validation loss';
  return `Training diverged: ${what} became NaN or infinite at epoch ${d.epoch}, batch ${d.batch} (learning rate ${format(d.learningRate)}).`;
}
