import { parsePath, setAt } from './paths';
import { resolve } from './resolve';
import { mixSeeds, unitFromSeed } from './seeds';
import type { ResolvedSpec } from './spec';
import { foldCount } from './split';
import type { SearchDimension } from './strategy';

/** A hyperparameter value a restart drew in a random search. */
export interface SampledValue {
  path: string;
  value: unknown;
}

/** One run an experiment launches: one restart on one fold. */
export interface PlannedRun {
  /** Stable within the experiment: `r<restart>` or `r<restart>-f<fold>` for k-fold splits. */
  key: string;
  restart: number;
  /** The validation fold for k-fold splits; null otherwise. */
  fold: number | null;
  seed: number;
  sampled: SampledValue[];
  /** The resolved spec this run trains: `training.seed` is the run's seed, sampled values applied. */
  config: ResolvedSpec;
}

/** Keeps random-search draws apart from anything else derived from the same restart seed. */
const SEARCH_SALT = 0x5ea4c;

/**
 * Restart 0 trains with `training.seed` itself, so a single run uses exactly the seed written;
 * later restarts derive theirs from it unless `strategy.restarts.seeds` lists them.
 */
export function restartSeed(spec: ResolvedSpec, restart: number): number {
  const listed = spec.strategy.restarts.seeds?.[restart];
  if (listed !== undefined) return listed;
  return restart === 0 ? spec.training.seed : mixSeeds(spec.training.seed, restart);
}

function sample(dimension: SearchDimension, seed: number, index: number): unknown {
  const u = unitFromSeed(mixSeeds(seed, SEARCH_SALT, index));
  if (dimension.kind === 'choice') {
    return dimension.values[
      Math.min(dimension.values.length - 1, Math.floor(u * dimension.values.length))
    ];
  }
  const value = dimension.log
    ? Math.exp(Math.log(dimension.min) + u * (Math.log(dimension.max) - Math.log(dimension.min)))
    : dimension.min + u * (dimension.max - dimension.min);
  return dimension.integer
    ? Math.min(dimension.max, Math.max(dimension.min, Math.round(value)))
    : value;
}

/**
 * Every run of an experiment, restart by restart and fold by fold. Pure and deterministic: the
 * same resolved spec always gives the same runs, seeds and sampled values. Expects a spec that
 * passed `validateSpec`; a random-search value that makes it invalid throws `SpecError`.
 */
export function expandRuns(spec: ResolvedSpec): PlannedRun[] {
  const folds = foldCount(spec.split);
  const runs: PlannedRun[] = [];
  for (let restart = 0; restart < spec.strategy.restarts.count; restart += 1) {
    const seed = restartSeed(spec, restart);
    const sampled = spec.strategy.restarts.randomSearch.map((dimension, index) => ({
      path: dimension.path,
      value: sample(dimension, seed, index),
    }));
    let config: ResolvedSpec = { ...spec, training: { ...spec.training, seed } };
    for (const { path, value } of sampled) {
      const keys = parsePath(path);
      if (keys === null) throw new Error(`expandRuns: random-search path ${path} does not parse`);
      config = setAt(config, keys, value);
    }
    config = resolve(config);
    for (let fold = 0; fold < folds; fold += 1) {
      runs.push({
        key: folds === 1 ? `r${restart}` : `r${restart}-f${fold}`,
        restart,
        fold: folds === 1 ? null : fold,
        seed,
        sampled,
        config,
      });
    }
  }
  return runs;
}
