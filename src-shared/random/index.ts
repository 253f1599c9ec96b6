export { Rng, type MutableArrayLike, type RngState } from './rng';
