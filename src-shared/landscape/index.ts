export { barrierHeight, type Barrier } from './barrier';
export { filterNormalizedDirection, normalizeFilters } from './filter-normalize';
export {
  DEFAULT_LINE_POINTS,
  interpolate,
  LINE_END,
  LINE_START,
  lineParameters,
  linspace,
} from './line';
export { gridAround, planePoint, planeThrough, type PlaneBasis, type PlaneMark } from './plane';
export { evenlySpacedRows } from './subsample';
export { combine, requireSameLayout, type ShapedWeights } from './weights';
