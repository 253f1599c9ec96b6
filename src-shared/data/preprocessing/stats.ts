/**
 * Fitted preprocessing, JSON-serialisable: stored next to every checkpoint so an exported model
 * predicts on raw inputs with exactly the transformation it was trained with.
 */

import type { Preprocessing } from '../../experiment/data';

export type Scaling = Preprocessing['scale'];

/** x' = (x − center) / scale. */
export interface Affine {
  scaling: Scaling;
  /** The training mean (standardize) or minimum (minmax); 0 for none. */
  center: number;
  /** The training standard deviation (population) or range; 1 for none, and 1 when the training values are constant. */
  scale: number;
}

export type FeatureStats =
  | (Affine & {
      column: string;
      kind: 'numeric';
      /** The training value that stands in for a missing one; null when the policy does not impute. */
      fill: number | null;
    })
  | {
      column: string;
      kind: 'categorical';
      fill: string | null;
      /**
       * Training categories in output order. One-hot gives each a slot and a category unseen in
       * training all zeros; ordinal gives one slot holding the category's index, −1 when unseen
       * (scikit-learn's OneHotEncoder with handle_unknown="ignore" and OrdinalEncoder with
       * unknown_value=−1).
       */
      categories: string[];
      encoding: 'one-hot' | 'ordinal';
    };

export interface TabularPreprocessing {
  kind: 'tabular';
  features: FeatureStats[];
  /** One per model input: the column's name, or `column=category` for each one-hot slot. */
  featureNames: string[];
}

/** Images are scaled as a whole (one center and scale over every training pixel), not pixel by pixel. */
export interface ImagePreprocessing extends Affine {
  kind: 'image';
  /** Per-sample shape: [height, width, channels]. */
  shape: number[];
}

export type InputPreprocessing = TabularPreprocessing | ImagePreprocessing;
