import { describe, expect, it } from 'vitest';
import { renameProblem } from './rename-check';

describe('renameProblem', () => {
  it('refuses a blank name, spaces included, in words', () => {
    expect(renameProblem('', 'Old')).toBe('Type a name: it cannot be empty.');
    expect(renameProblem('   ', 'Old')).toBe('Type a name: it cannot be empty.');
  });

  it('refuses a name over 200 characters and the unchanged name', () => {
    expect(renameProblem('x'.repeat(201), 'Old')).toMatch(/too long \(201 characters/);
    expect(renameProblem(' Old ', 'Old')).toMatch(/its name already/);
  });

  it('accepts a new name', () => {
    expect(renameProblem('New', 'Old')).toBeNull();
  });
});
