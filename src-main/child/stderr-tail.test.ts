import { describe, expect, it } from 'vitest';
import { describeUnexpectedExit, StderrTail } from './stderr-tail';

describe('StderrTail', () => {
  it('keeps the last lines across chunk boundaries, skipping blank ones', () => {
    const tail = new StderrTail(3);
    tail.append('one\ntw');
    tail.append('o\n\nthree\nfour\n');
    expect(tail.lines()).toEqual(['two', 'three', 'four']);
  });

  it('bounds the characters kept', () => {
    const tail = new StderrTail(100, 10);
    tail.append('aaaaaaaaaaaaaaaaaaaa\nbbbb\ncccc\n');
    expect(tail.lines()).toEqual(['bbbb', 'cccc']);
  });
});

describe('describeUnexpectedExit', () => {
  it('names the signal and quotes stderr', () => {
    expect(
      describeUnexpectedExit({ code: null, signal: 'SIGKILL' }, ['Error: boom', '  at x']),
    ).toBe(
      'The trainer process was killed by SIGKILL before the run finished. Last lines of its stderr:\nError: boom\n  at x',
    );
  });

  it('names the exit code when stderr is empty', () => {
    expect(describeUnexpectedExit({ code: 3, signal: null }, [])).toBe(
      'The trainer process exited with code 3 before the run finished and wrote nothing to stderr.',
    );
  });
});
