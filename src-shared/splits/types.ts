/** Row indices of each part; every row of the data is in exactly one part. */
export interface SplitIndices {
  readonly train: number[];
  readonly validation: number[];
  readonly test: number[];
}

export interface Fold {
  readonly train: number[];
  readonly validation: number[];
}

/** The test part is held out once, before folding; each fold validates on one k-th of the rest. */
export interface KFoldSplit {
  readonly test: number[];
  readonly folds: Fold[];
}

export interface SplitFractions {
  readonly train: number;
  readonly validation: number;
  readonly test: number;
}

export const DEFAULT_FRACTIONS: SplitFractions = { train: 0.8, validation: 0.1, test: 0.1 };
