import { z } from 'zod';

/** Most points a diagnostic curve carries; longer curves are thinned, keeping both ends. */
export const MAX_CURVE_POINTS = 500;
/** Most (actual, predicted) pairs a residual plot carries. */
export const MAX_RESIDUAL_PAIRS = 2000;

const curvePoints = z.array(z.number()).max(MAX_CURVE_POINTS);

/** The ROC curve of the positive class (binary only), with its area. */
export const rocDiagnosticSchema = z.strictObject({
  falsePositiveRate: curvePoints,
  truePositiveRate: curvePoints,
  auc: z.number(),
});

/** The precision-recall curve of the positive class (binary only), with its average precision. */
export const precisionRecallDiagnosticSchema = z.strictObject({
  recall: curvePoints,
  precision: curvePoints,
  averagePrecision: z.number(),
});

export const classificationDiagnosticsSchema = z.strictObject({
  kind: z.literal('classification'),
  /** Class labels in index order (index 1 is the positive class of a binary task). */
  classes: z.array(z.string()).min(2),
  /** counts[actual][predicted]: test examples of one class predicted as another. */
  confusionMatrix: z.array(z.array(z.number().int().nonnegative())),
  /** Null for multiclass tasks, or where the curve does not exist (a single-class test split). */
  roc: rocDiagnosticSchema.nullable(),
  precisionRecall: precisionRecallDiagnosticSchema.nullable(),
});

export const regressionDiagnosticsSchema = z.strictObject({
  kind: z.literal('regression'),
  /** Test examples in the split; `actual` and `predicted` hold an evenly spaced subset of them. */
  testCount: z.number().int().nonnegative(),
  actual: z.array(z.number()).max(MAX_RESIDUAL_PAIRS),
  predicted: z.array(z.number()).max(MAX_RESIDUAL_PAIRS),
});

/** How the selected model did on the test split, beyond single numbers: for Run detail's plots. */
export const testDiagnosticsSchema = z.discriminatedUnion('kind', [
  classificationDiagnosticsSchema,
  regressionDiagnosticsSchema,
]);
export type TestDiagnostics = z.infer<typeof testDiagnosticsSchema>;
export type ClassificationDiagnostics = z.infer<typeof classificationDiagnosticsSchema>;
export type RegressionDiagnostics = z.infer<typeof regressionDiagnosticsSchema>;
