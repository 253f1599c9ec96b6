import { describe, expect, it } from 'vitest';
import { describeReplyError } from './reply-error';

describe('describeReplyError', () => {
  it('lists the problems of a refused spec once, under the first line of the message', () => {
    const described = describeReplyError({
      code: 'invalid_argument',
      message:
        'The experiment spec cannot be saved: 1 problem:\n- training.epochs: must be a whole number ≥ 1, received 0',
      details: [
        {
          path: 'training.epochs',
          text: 'training.epochs: must be a whole number ≥ 1, received 0',
        },
      ],
    });
    expect(described).toEqual({
      message: 'The experiment spec cannot be saved: 1 problem:',
      problems: ['training.epochs: must be a whole number ≥ 1, received 0'],
    });
  });

  it('keeps the whole message of other errors', () => {
    expect(
      describeReplyError({ code: 'not_found', message: 'There is no experiment 4.\nReally.' }),
    ).toEqual({
      message: 'There is no experiment 4.\nReally.',
      problems: [],
    });
  });
});
