import { describe, expect, it } from 'vitest';
import { resultNote } from './result-note';

describe('resultNote', () => {
  it('says at which epoch an interrupted run stopped and that it can resume', () => {
    const note = resultNote({ status: 'interrupted', epoch: 7, epochs: 40 });
    expect(note).toMatch(/^This run was interrupted at epoch 7 of 40/);
    expect(note).toContain('Resume continues');
  });

  it('says "before its first epoch" when nothing was recorded', () => {
    expect(resultNote({ status: 'cancelled', epoch: null, epochs: 5 })).toMatch(
      /cancelled before its first epoch of 5/,
    );
  });
});
