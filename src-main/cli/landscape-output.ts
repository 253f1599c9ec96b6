import type { Landscape, LineResult, PlaneResult, ScoredRows } from '@shared/contract/landscape';
import { alignColumns } from './comparison-table';
import { formatMetric } from './progress-line';

/**
 * What `basin landscape --json` prints: for a line `{ points: [{ t, trainLoss, valLoss,
 * trainAccuracy, valAccuracy }], barrier }`, for a plane the axes, the grid and the marks; both
 * with the checkpoints and whether batch-norm statistics were recomputed.
 */
export function landscapeJson(landscape: Landscape): unknown {
  const about = {
    shape: landscape.shape,
    rows: landscape.result?.rows ?? null,
    checkpoints: landscape.checkpoints.map((c) => c.label),
    recomputeBatchNorm: landscape.recomputeBatchNorm,
  };
  const result = landscape.result;
  if (result === null) return { ...about, error: landscape.error };
  if (result.kind === 'line') {
    const points = result.points.map(({ t, trainLoss, valLoss, trainAccuracy, valAccuracy }) => ({
      t,
      trainLoss,
      valLoss,
      trainAccuracy,
      valAccuracy,
    }));
    return { ...about, points, barrier: result.barrier };
  }
  const grid = result.points.map((point, k) => ({
    x: result.x[k % result.x.length],
    y: result.y[Math.floor(k / result.x.length)],
    ...point,
  }));
  return { ...about, basis: result.basis, x: result.x, y: result.y, grid, marks: result.marks };
}

/** e.g. "Scored on 10000 of 54000 training rows (an even sample) and 6000 validation rows". */
export function describeRows(rows: ScoredRows): string {
  const sample = rows.train < rows.trainTotal ? ` of ${rows.trainTotal}` : '';
  return `Scored on ${rows.train}${sample} training rows${sample ? ' (an even sample)' : ''} and ${rows.validation} validation rows`;
}

const optionalMetric = (value: number | null) => (value === null ? '—' : formatMetric(value));

function lineTable(result: LineResult): string[] {
  const rows = [
    ['t', 'train loss', 'val loss', 'train accuracy', 'val accuracy'],
    ...result.points.map((p) => [
      p.t.toFixed(4),
      formatMetric(p.trainLoss),
      formatMetric(p.valLoss),
      optionalMetric(p.trainAccuracy),
      optionalMetric(p.valAccuracy),
    ]),
  ];
  const { train, validation } = result.barrier;
  return [
    ...alignColumns(rows),
    '',
    `Barrier (max over t in [0, 1] of loss(t) − ((1 − t)·loss(0) + t·loss(1))): train ${formatMetric(train.height)} at t = ${train.t}, validation ${formatMetric(validation.height)} at t = ${validation.t}`,
  ];
}

function planeTable(result: PlaneResult): string[] {
  const header = ['val loss  y \\ x', ...result.x.map((x) => x.toFixed(3))];
  // Highest y first, so the table reads like the contour plot.
  const rows = result.y
    .map((y, j) => [
      y.toFixed(3),
      ...result.x.map((_, i) =>
        formatMetric(result.points[j * result.x.length + i]?.valLoss ?? NaN),
      ),
    ])
    .reverse();
  const marks = result.marks.map((m) => `${m.label} at (${m.x.toFixed(3)}, ${m.y.toFixed(3)})`);
  const basis =
    result.basis === 'checkpoints'
      ? 'Plane through A, B, C (Garipov et al. 2018)'
      : 'Two random filter-normalised directions around A (Li et al. 2018)';
  return [`${basis}; ${marks.join(', ')}`, ...alignColumns([header, ...rows])];
}

/** The human table `basin landscape` prints without --json. */
export function landscapeTable(landscape: Landscape): string {
  const names = landscape.checkpoints.map((c, i) => `${'ABC'[i]} = ${c.label}`).join(', ');
  const lines = [
    `Landscape ${landscape.id}: ${names}; batch-norm statistics ${landscape.recomputeBatchNorm ? 'recomputed at every point' : 'not recomputed'}`,
  ];
  const result = landscape.result;
  if (result !== null) lines.push(describeRows(result.rows));
  if (result === null) lines.push(`Failed: ${landscape.error ?? 'no result'}`);
  else lines.push(...(result.kind === 'line' ? lineTable(result) : planeTable(result)));
  return lines.join('\n');
}
