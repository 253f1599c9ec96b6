import { describe, expect, it } from 'vitest';
import { MAX_DESCRIPTION_LENGTH, MAX_NAME_LENGTH } from './spec';
import { validateSpec } from './validate';

const base = {
  schemaVersion: 1,
  name: 'limits',
  data: { source: { kind: 'builtin', dataset: 'spirals' } },
  model: { layers: [{ type: 'dense', units: 1, activation: 'sigmoid' }] },
};

function problems(input: unknown): string[] {
  const result = validateSpec(input);
  return result.ok ? [] : result.problems.map((problem) => problem.text);
}

describe('text limits', () => {
  it('refuses a 5,000-character name and an over-long description, naming the limit', () => {
    expect(problems({ ...base, name: 'n'.repeat(5_000) })).toEqual([
      expect.stringMatching(/^name: must be at most 200 characters, received "n{20}/),
    ]);
    expect(problems({ ...base, description: 'd'.repeat(MAX_DESCRIPTION_LENGTH + 1) })).toEqual([
      expect.stringMatching(/^description: must be at most 10,000 characters/),
    ]);
    expect(problems({ ...base, name: 'n'.repeat(MAX_NAME_LENGTH) })).toEqual([]);
  });
});
