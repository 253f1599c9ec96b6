import { z } from 'zod';

/**
 * Field builders whose messages read as plain English after the path, e.g.
 * `model.layers[2].units: must be a whole number ≥ 1, received 0`. Every spec field uses one of
 * these so a person never sees zod's internal wording.
 */

export const wholeNumberAtLeast = (min: number) => {
  const error = `must be a whole number ≥ ${min}`;
  return z.number({ error }).int({ error }).min(min, { error });
};

export const positiveNumber = () => {
  const error = 'must be a number > 0';
  return z.number({ error }).gt(0, { error }).finite({ error });
};

export const nonNegativeNumber = () => {
  const error = 'must be a number ≥ 0';
  return z.number({ error }).min(0, { error }).finite({ error });
};

export const finiteNumber = () => {
  const error = 'must be a finite number';
  return z.number({ error }).finite({ error });
};

/** A share of something: 0 ≤ x ≤ 1. */
export const fraction = () => {
  const error = 'must be a number from 0 to 1';
  return z.number({ error }).min(0, { error }).max(1, { error });
};

/** 0 ≤ x < 1, e.g. a dropout rate (1 would drop everything). */
export const rateBelowOne = () => {
  const error = 'must be a number ≥ 0 and < 1';
  return z.number({ error }).min(0, { error }).lt(1, { error });
};

/** 0 < x < 1, e.g. a decay factor or a moving-average momentum. */
export const openUnitInterval = () => {
  const error = 'must be a number > 0 and < 1';
  return z.number({ error }).gt(0, { error }).lt(1, { error });
};

export const nonEmptyText = (what = 'text') => {
  const error = `must be non-empty ${what}`;
  return z.string({ error }).trim().min(1, { error });
};

export const flag = () => z.boolean({ error: 'must be true or false' });

/** `"a"`, `"a" or "b"`, `"a", "b" or "c"`: the choices named in a message. */
export function listChoices(values: readonly string[]): string {
  const quoted = values.map((value) => JSON.stringify(value));
  if (quoted.length <= 1) return quoted.join('');
  return `${quoted.slice(0, -1).join(', ')} or ${quoted.at(-1) ?? ''}`;
}

export const oneOf = <const T extends readonly [string, ...string[]]>(values: T) =>
  z.enum(values, { error: `must be ${listChoices(values)}` });

/** A spatial size written as one number (square) or [height, width]; resolved to the pair. */
export const spatialPair = (min: number) => {
  const error = `must be a whole number ≥ ${min} or a [height, width] pair of them`;
  const side = z.number({ error }).int({ error }).min(min, { error });
  return z.preprocess(
    (value) => (typeof value === 'number' ? [value, value] : value),
    z.tuple([side, side], { error }),
  );
};
