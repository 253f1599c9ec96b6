import { parseMetricKey } from '@shared/contract/metric-keys';
import { LEARNING_RATE_KEY } from '@shared/contract/series-keys';
import { layerName, metricName } from '../labels';

/**
 * The quantities a chart can show. A metric (`loss`, `accuracy`) draws its train and validation
 * curves together; the learning rate and a layer statistic are one key each.
 */
export type Quantity =
  | { kind: 'metric'; metric: string }
  | { kind: 'learningRate' }
  | { kind: 'layer'; layer: string; stat: 'gradientNorm' | 'updateRatio' | 'deadReluFraction' };

const layerKey = /^layer\.(.+)\.(gradientNorm|updateRatio|deadReluFraction)$/;

export function quantityId(quantity: Quantity): string {
  switch (quantity.kind) {
    case 'metric':
      return `metric:${quantity.metric}`;
    case 'learningRate':
      return 'learningRate';
    case 'layer':
      return `layer:${quantity.layer}:${quantity.stat}`;
  }
}

const statLabels = {
  gradientNorm: 'gradient norm',
  updateRatio: 'update / weight ratio',
  deadReluFraction: 'dead ReLU fraction',
} as const;

export function quantityLabel(quantity: Quantity): string {
  switch (quantity.kind) {
    case 'metric':
      return metricName(quantity.metric);
    case 'learningRate':
      return 'Learning rate';
    case 'layer':
      return `${layerName(quantity.layer)} ${statLabels[quantity.stat]}`;
  }
}

/** The recorded keys a quantity is drawn from, training first. */
export function keysOf(quantity: Quantity): string[] {
  switch (quantity.kind) {
    case 'metric':
      return [`train.${quantity.metric}`, `val.${quantity.metric}`];
    case 'learningRate':
      return [LEARNING_RATE_KEY];
    case 'layer':
      return [`layer.${quantity.layer}.${quantity.stat}`];
  }
}

/** Every quantity the given keys can draw: metrics (loss first), learning rate, layer statistics. */
export function quantitiesIn(keys: Iterable<string>): Quantity[] {
  const metrics = new Set<string>();
  const layers: Quantity[] = [];
  let learningRate = false;
  for (const key of keys) {
    const metric = parseMetricKey(key);
    const layer = layerKey.exec(key);
    if (metric !== null && metric.split !== 'test') metrics.add(metric.metric);
    else if (key === LEARNING_RATE_KEY) learningRate = true;
    else if (layer?.[1] !== undefined && layer[2] !== undefined) {
      layers.push({ kind: 'layer', layer: layer[1], stat: layer[2] as 'gradientNorm' });
    }
  }
  const ordered = [...metrics].sort(
    (a, b) => Number(b === 'loss') - Number(a === 'loss') || a.localeCompare(b),
  );
  return [
    ...ordered.map((metric): Quantity => ({ kind: 'metric', metric })),
    ...(learningRate ? [{ kind: 'learningRate' } as const] : []),
    ...layers.sort((a, b) => quantityId(a).localeCompare(quantityId(b))),
  ];
}
