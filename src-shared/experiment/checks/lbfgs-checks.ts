import { specProblem, type SpecProblem } from '../problems';
import type { CheckContext } from './context';

const why = "L-BFGS's line search compares the loss of the same objective at several weights";

/**
 * L-BFGS (optimizer.kind "lbfgs") needs one deterministic, smooth objective: the full batch, no
 * dropout or batch norm (the loss would change between evaluations at the same weights), and the
 * raw gradient (no clipping or noise, which break its curvature estimates).
 */
export function lbfgsChecks(context: CheckContext): SpecProblem[] {
  const { optimization, training } = context.sections;
  if (optimization?.optimizer.kind !== 'lbfgs') return [];
  const problems: SpecProblem[] = [];
  if (training !== undefined && training.batchSize !== 'full') {
    problems.push(
      specProblem(
        'error',
        ['training', 'batchSize'],
        `must be "full" with optimizer "lbfgs": ${why}, which a different mini-batch at every evaluation is not`,
        training.batchSize,
      ),
    );
  }
  context.layers.forEach((layer, index) => {
    if (layer?.type !== 'dropout' && layer?.type !== 'batchNorm') return;
    problems.push(
      specProblem(
        'error',
        ['model', 'layers', index, 'type'],
        `cannot be ${layer.type === 'dropout' ? 'dropout' : 'batch norm'} with optimizer "lbfgs": ${why}, and this layer makes it ${layer.type === 'dropout' ? 'random' : 'depend on the batch statistics'}`,
        layer.type,
      ),
    );
  });
  if (training !== undefined && training.gradientClipping.kind !== 'none') {
    problems.push(
      specProblem(
        'error',
        ['training', 'gradientClipping'],
        'must be none with optimizer "lbfgs": L-BFGS builds its curvature estimate from the raw gradient',
        training.gradientClipping,
      ),
    );
  }
  if (training?.gradientNoise !== null && training?.gradientNoise !== undefined) {
    problems.push(
      specProblem(
        'error',
        ['training', 'gradientNoise'],
        'must be null with optimizer "lbfgs": noise breaks its line search and curvature estimate',
        training.gradientNoise,
      ),
    );
  }
  return problems;
}
