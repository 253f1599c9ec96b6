import { describe, expect, it } from 'vitest';
import { validateSpec } from '@shared/experiment/validate';
import { defaultSpec, unusedName } from './default-spec';

describe('defaultSpec', () => {
  it('is a spec that validates without errors or warnings', () => {
    const validation = validateSpec(defaultSpec('Try'));
    expect(validation.ok ? validation.warnings : validation.problems).toEqual([]);
    expect(validation.ok).toBe(true);
  });
});

describe('unusedName', () => {
  it('numbers the name past the ones taken', () => {
    expect(unusedName([])).toBe('New experiment');
    expect(unusedName(['New experiment', 'New experiment 2'])).toBe('New experiment 3');
  });
});
