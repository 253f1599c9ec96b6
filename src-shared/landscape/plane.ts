import { combine, difference, dot } from './weights';
import { linspace } from './line';

/** Where a checkpoint sits in the plane's coordinates. */
export interface PlaneMark {
  label: string;
  x: number;
  y: number;
}

export interface PlaneBasis {
  origin: readonly Float32Array[];
  /** Orthonormal directions (unit length over all weights together). */
  u: Float64Array[];
  v: Float64Array[];
  marks: PlaneMark[];
}

function scale(direction: Float64Array[], factor: number): Float64Array[] {
  return direction.map((tensor) => tensor.map((value) => value * factor));
}

/**
 * The plane through three checkpoints (Garipov et al. 2018, Fig. 1): u = (B − A)/‖B − A‖ and v the
 * Gram–Schmidt remainder of C − A, normalised; A is the origin, so A = (0, 0), B = (‖B − A‖, 0),
 * C = (⟨C − A, u⟩, ⟨C − A, v⟩).
 */
export function planeThrough(
  a: readonly Float32Array[],
  b: readonly Float32Array[],
  c: readonly Float32Array[],
): PlaneBasis {
  const ab = difference(a, b);
  const ac = difference(a, c);
  const lengthAb = Math.sqrt(dot(ab, ab));
  if (!(lengthAb > 0))
    throw new Error('checkpoints A and B have identical weights: no plane goes through them');
  const u = scale(ab, 1 / lengthAb);
  const along = dot(ac, u);
  const rest = ac.map((tensor, i) =>
    tensor.map((value, k) => value - along * ((u[i] as Float64Array)[k] as number)),
  );
  const lengthRest = Math.sqrt(dot(rest, rest));
  if (!(lengthRest > 1e-12 * lengthAb)) {
    throw new Error(
      'checkpoint C lies on the line through A and B: the three checkpoints span no plane',
    );
  }
  const v = scale(rest, 1 / lengthRest);
  return {
    origin: a,
    u,
    v,
    marks: [
      { label: 'A', x: 0, y: 0 },
      { label: 'B', x: lengthAb, y: 0 },
      { label: 'C', x: along, y: lengthRest },
    ],
  };
}

/** The weights at plane coordinates (x, y): origin + x·u + y·v. */
export function planePoint(basis: Omit<PlaneBasis, 'marks'>, x: number, y: number): Float32Array[] {
  return combine(basis.origin, [
    { coefficient: x, direction: basis.u },
    { coefficient: y, direction: basis.v },
  ]);
}

/**
 * Grid axes covering the marks with a margin on every side (Garipov et al. use 0.2 of the extent):
 * `points` values per axis.
 */
export function gridAround(
  marks: readonly PlaneMark[],
  points: number,
  margin = 0.2,
): { x: number[]; y: number[] } {
  const axis = (values: number[]) => {
    const low = Math.min(...values);
    const high = Math.max(...values);
    const pad = margin * (high - low);
    return linspace(low - pad, high + pad, points);
  };
  return { x: axis(marks.map((m) => m.x)), y: axis(marks.map((m) => m.y)) };
}
