import type { GeneratorOptions } from '../../experiment/datasets';
import { Rng } from '../../random';
import type { Table } from '../table/table';
import { generatedTable } from './generated-table';

/**
 * Two interleaved spirals as in TensorFlow Playground, scaled to radius 1: point i of m in a class
 * sits at radius i/m and angle 1.75 · 2π · i/m (class 1 turned by π), plus Gaussian noise of
 * standard deviation `noise` on each coordinate. Rows alternate class 0, class 1.
 * Columns x1, x2 and the target `label` (0 or 1).
 */
export function generateSpirals({ samples, noise, seed }: GeneratorOptions): Table {
  const rng = Rng.fromSeed(seed);
  const x1 = new Float64Array(samples);
  const x2 = new Float64Array(samples);
  const label = new Float64Array(samples);
  const perClass = [Math.ceil(samples / 2), Math.floor(samples / 2)];
  for (let row = 0; row < samples; row++) {
    const cls = row % 2;
    const m = perClass[cls] ?? 1;
    const i = row >> 1;
    const radius = i / m;
    const angle = 1.75 * 2 * Math.PI * (i / m) + cls * Math.PI;
    x1[row] = radius * Math.sin(angle) + rng.normal(0, noise);
    x2[row] = radius * Math.cos(angle) + rng.normal(0, noise);
    label[row] = cls;
  }
  return generatedTable('spirals', { x1, x2, label });
}
