export { smoothEma } from './ema';
export { aggregateRuns, type Bands, type RunCurve } from './aggregate';
export { downsampleMinMax, type DownsampledSeries } from './downsample-min-max';
export { downsampleLttb } from './lttb';
