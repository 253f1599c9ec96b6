import type { DataFacts } from '../datasets';
import type { SpecProblem } from '../problems';
import { validateSpec } from '../validate';

/** What the validateSpec tests share: a small valid spec, and the problems a variant of it has. */
export const base = {
  schemaVersion: 1,
  name: 'checks',
  data: { source: { kind: 'builtin', dataset: 'iris' } },
  model: {
    layers: [
      { type: 'dense', units: 8, activation: 'relu' },
      { type: 'dense', units: 3, activation: 'softmax' },
    ],
  },
};

export const withSections = (sections: Record<string, unknown>) => ({ ...base, ...sections });

export function problemsOf(input: unknown, facts?: DataFacts): SpecProblem[] {
  const result = validateSpec(input, facts);
  return result.ok ? result.warnings : result.problems;
}

/** The one problem at `path`; throws, listing what was found, when there is none or several. */
export function problemAt(input: unknown, path: string, facts?: DataFacts): SpecProblem {
  const found = problemsOf(input, facts).filter((problem) => problem.path === path);
  if (found.length !== 1) {
    const texts = found.map((problem) => problem.text).join('; ');
    throw new Error(`expected one problem at ${path}, found ${found.length}: ${texts}`);
  }
  return found[0] as SpecProblem;
}

export const outputModel = (units: number, activation: string, hidden = 'relu') => ({
  layers: [
    { type: 'dense', units: 8, activation: hidden },
    { type: 'dense', units, activation },
  ],
});
