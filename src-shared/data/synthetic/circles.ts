import type { GeneratorOptions } from '../../experiment/datasets';
import { Rng } from '../../random';
import type { Table } from '../table/table';
import { generatedTable } from './generated-table';

/**
 * A disc inside a ring as in TensorFlow Playground, scaled to radius 1: class 1 uniform in radius
 * over [0, 0.5], class 0 over [0.7, 1], at a uniform angle, plus Gaussian noise of standard
 * deviation `noise` on each coordinate; a point keeps the class it was drawn for, so noise makes
 * the classes overlap. Rows alternate class 0, class 1. Columns x1, x2 and the target `label`.
 */
export function generateCircles({ samples, noise, seed }: GeneratorOptions): Table {
  const rng = Rng.fromSeed(seed);
  const x1 = new Float64Array(samples);
  const x2 = new Float64Array(samples);
  const label = new Float64Array(samples);
  for (let row = 0; row < samples; row++) {
    const inside = row % 2 === 1;
    const radius = inside ? 0.5 * rng.uniform() : 0.7 + 0.3 * rng.uniform();
    const angle = 2 * Math.PI * rng.uniform();
    x1[row] = radius * Math.sin(angle) + rng.normal(0, noise);
    x2[row] = radius * Math.cos(angle) + rng.normal(0, noise);
    label[row] = inside ? 1 : 0;
  }
  return generatedTable('circles', { x1, x2, label });
}
