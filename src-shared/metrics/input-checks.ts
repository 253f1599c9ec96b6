/** Argument checks shared by the metrics; each error names the argument, the entry and the value. */

export function requireSameLength(
  nameA: string,
  a: ArrayLike<unknown>,
  nameB: string,
  b: ArrayLike<unknown>,
): void {
  if (a.length !== b.length) {
    throw new Error(
      `${nameA} and ${nameB} must have the same length, received ${a.length} and ${b.length}`,
    );
  }
}

export function requireFinite(name: string, values: ArrayLike<number>): void {
  for (let i = 0; i < values.length; i++) {
    const value = values[i] as number;
    if (!Number.isFinite(value)) {
      throw new Error(`${name}[${i}]: must be a finite number, received ${value}`);
    }
  }
}

export function requireClassIndices(name: string, values: ArrayLike<number>): void {
  for (let i = 0; i < values.length; i++) {
    const value = values[i] as number;
    if (!Number.isInteger(value) || value < 0) {
      throw new Error(
        `${name}[${i}]: must be a class index (a whole number ≥ 0), received ${value}`,
      );
    }
  }
}

export function requireBinaryLabels(name: string, values: ArrayLike<number>): void {
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (value !== 0 && value !== 1) {
      throw new Error(`${name}[${i}]: must be 0 or 1 for a binary metric, received ${value}`);
    }
  }
}

export function requireProbabilities(name: string, values: ArrayLike<number>): void {
  for (let i = 0; i < values.length; i++) {
    const value = values[i] as number;
    if (!(value >= 0 && value <= 1)) {
      throw new Error(`${name}[${i}]: must be a probability in [0, 1], received ${value}`);
    }
  }
}

/** The column count of a score matrix given as rows; every row must have it and it must be ≥ 2. */
export function requireScoreRows(name: string, rows: ReadonlyArray<ArrayLike<number>>): number {
  const columns = rows[0]?.length ?? 0;
  if (rows.length > 0 && columns < 2) {
    throw new Error(`${name}[0]: needs one column per class (at least 2), received ${columns}`);
  }
  rows.forEach((row, i) => {
    if (row.length !== columns) {
      throw new Error(
        `${name}[${i}]: must have ${columns} columns like row 0, received ${row.length}`,
      );
    }
  });
  return columns;
}

export function requireBelow(name: string, values: ArrayLike<number>, limit: number): void {
  for (let i = 0; i < values.length; i++) {
    const value = values[i] as number;
    if (value >= limit) {
      throw new Error(
        `${name}[${i}]: the scores have ${limit} columns, so a class index must be below ${limit}, received ${value}`,
      );
    }
  }
}
