import type { LandscapeResult, LandscapeShape, PointScores } from '@shared/contract/landscape';
import {
  barrierHeight,
  filterNormalizedDirection,
  gridAround,
  interpolate,
  lineParameters,
  linspace,
  planePoint,
  planeThrough,
  requireSameLayout,
  type PlaneMark,
} from '@shared/landscape';
import { Rng } from '@shared/random';
import type { WeightSet } from '../../trainer/model/weight-sets';
import type { LandscapeScorer } from './landscape-scorer';

export interface LandscapeJob {
  shape: LandscapeShape;
  /** Checkpoints A (, B (, C)) in model weight order. */
  weights: WeightSet[];
  /** Each weight tensor's shape, to find its filters. */
  shapes: number[][];
  points: number;
  seed: number;
}

/** Half-width of the square around one checkpoint, in units of its filter-normalised directions. */
const DIRECTIONS_SPAN = 1;

async function planeScores(
  axes: { x: number[]; y: number[] },
  at: (x: number, y: number) => WeightSet,
  scorer: LandscapeScorer,
  step: () => Promise<void>,
): Promise<PointScores[]> {
  const points: PointScores[] = [];
  for (const y of axes.y) {
    for (const x of axes.x) {
      points.push(await scorer.score(at(x, y)));
      await step();
    }
  }
  return points;
}

/** Called before the first point and after every point; awaited, so the report goes out. */
export type LandscapeProgress = (done: number, total: number) => Promise<void> | void;

/**
 * Scores the model along the line between two checkpoints, over the plane through three, or over
 * two random filter-normalised directions around one.
 */
export async function computeLandscape(
  job: LandscapeJob,
  scorer: LandscapeScorer,
  onProgress: LandscapeProgress,
): Promise<LandscapeResult> {
  const want = { directions: 1, line: 2, plane: 3 }[job.shape];
  if (job.weights.length !== want) {
    throw new Error(
      `a ${job.shape} landscape needs ${want} checkpoints, got ${job.weights.length}`,
    );
  }
  requireSameLayout(job.weights, ['checkpoint A', 'checkpoint B', 'checkpoint C']);
  const [a, b, c] = job.weights as [WeightSet, WeightSet?, WeightSet?];
  let done = 0;
  let total = 0;
  const start = async (count: number) => {
    total = count;
    await onProgress(0, total);
  };
  const step = async () => onProgress(++done, total);

  if (job.shape === 'line' && b !== undefined) {
    const ts = lineParameters(job.points);
    await start(ts.length);
    const points = [];
    for (const t of ts) {
      points.push({ t, ...(await scorer.score(interpolate(a, b, t))) });
      await step();
    }
    return {
      kind: 'line',
      rows: scorer.rows,
      points,
      barrier: {
        train: barrierHeight(points.map((p) => ({ t: p.t, loss: p.trainLoss }))),
        validation: barrierHeight(points.map((p) => ({ t: p.t, loss: p.valLoss }))),
      },
    };
  }

  await start(job.points * job.points);
  if (job.shape === 'plane' && b !== undefined && c !== undefined) {
    const basis = planeThrough(a, b, c);
    const axes = gridAround(basis.marks, job.points);
    const points = await planeScores(axes, (x, y) => planePoint(basis, x, y), scorer, step);
    return {
      kind: 'plane',
      rows: scorer.rows,
      basis: 'checkpoints',
      ...axes,
      points,
      marks: basis.marks,
    };
  }

  const rng = Rng.fromSeed(job.seed);
  const shaped = { shapes: job.shapes, values: a };
  const u = filterNormalizedDirection(shaped, rng);
  const v = filterNormalizedDirection(shaped, rng);
  const axis = linspace(-DIRECTIONS_SPAN, DIRECTIONS_SPAN, job.points);
  const axes = { x: axis, y: axis };
  const marks: PlaneMark[] = [{ label: 'A', x: 0, y: 0 }];
  const points = await planeScores(
    axes,
    (x, y) => planePoint({ origin: a, u, v }, x, y),
    scorer,
    step,
  );
  return { kind: 'plane', rows: scorer.rows, basis: 'random-directions', ...axes, points, marks };
}
