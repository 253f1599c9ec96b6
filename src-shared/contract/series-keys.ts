/**
 * Metric keys of the series the lab records next to the task metrics (`train.loss`,
 * `val.accuracy`, ...), so the UI can ask for them by name with curves.get.
 */
export const LEARNING_RATE_KEY = 'opt.learningRate';
export const THROUGHPUT_KEY = 'perf.samplesPerSecond';

export type LayerStat = 'gradientNorm' | 'updateRatio' | 'deadReluFraction';

/** e.g. `layer.l02_dense.gradientNorm`. */
export function layerStatKey(layer: string, stat: LayerStat): string {
  return `layer.${layer}.${stat}`;
}
