import type { Divergence } from '@shared/contract/trainer-protocol';

const causes: Record<Divergence['cause'], string> = {
  loss: 'the training loss',
  gradient: 'a gradient',
  'validation-loss': 'the validation loss',
};

/** The divergence report a trainer sends, as the sentence stored on the run and shown to people. */
export function describeDivergence(divergence: Divergence): string {
  const where = `epoch ${divergence.epoch}, batch ${divergence.batch + 1}`;
  const parts = [
    `${causes[divergence.cause]} became NaN or infinite at ${where} (learning rate ${divergence.learningRate}).`,
  ];
  if (divergence.layer !== null) {
    const norms =
      divergence.layerGradientNorm !== null && divergence.typicalGradientNorm !== null
        ? ` (gradient norm ${divergence.layerGradientNorm.toPrecision(3)}, typically ${divergence.typicalGradientNorm.toPrecision(3)})`
        : '';
    parts.push(`The gradient of layer ${divergence.layer} exploded first${norms}.`);
  }
  parts.push(divergence.hint);
  const text = parts.join(' ');
  return text.charAt(0).toUpperCase() + text.slice(1);
}
