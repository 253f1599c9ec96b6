/** Points of one curve as parallel columns (blocks store them as blobs, see blob-codec.ts). */
export interface CurveColumns {
  step: Float64Array;
  value: Float64Array;
  epoch: Float64Array;
  wallTime: Float64Array;
}

export const columnNames = ['step', 'value', 'epoch', 'wallTime'] as const;

export function emptyColumns(length: number): CurveColumns {
  return {
    step: new Float64Array(length),
    value: new Float64Array(length),
    epoch: new Float64Array(length),
    wallTime: new Float64Array(length),
  };
}

export function columnsLength(columns: CurveColumns): number {
  return columns.step.length;
}

/** The columns one after another, in order. */
export function concatColumns(parts: readonly CurveColumns[]): CurveColumns {
  const out = emptyColumns(parts.reduce((total, part) => total + columnsLength(part), 0));
  let offset = 0;
  for (const part of parts) {
    for (const name of columnNames) out[name].set(part[name], offset);
    offset += columnsLength(part);
  }
  return out;
}

/** The points at `indices`, in that order. */
export function pickColumns(columns: CurveColumns, indices: ArrayLike<number>): CurveColumns {
  const out = emptyColumns(indices.length);
  for (let i = 0; i < indices.length; i++) {
    const at = indices[i] as number;
    out.step[i] = columns.step[at] as number;
    out.value[i] = columns.value[at] as number;
    out.epoch[i] = columns.epoch[at] as number;
    out.wallTime[i] = columns.wallTime[at] as number;
  }
  return out;
}

export function sliceColumns(columns: CurveColumns, start: number, end: number): CurveColumns {
  return {
    step: columns.step.subarray(start, end),
    value: columns.value.subarray(start, end),
    epoch: columns.epoch.subarray(start, end),
    wallTime: columns.wallTime.subarray(start, end),
  };
}
