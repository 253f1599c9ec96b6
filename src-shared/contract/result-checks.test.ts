import { describe, expect, it } from 'vitest';
import { dispatch } from './dispatch';
import type { LabHandlers } from './lab-api';
import { withResultChecks } from './result-checks';

/** Real handlers are the lab's; these two stand for one that keeps and one that breaks the contract. */
function handlersReturning(deletedRuns: unknown): LabHandlers {
  const handlers = new Proxy({} as LabHandlers, {
    get: (_target, method) =>
      method === 'experiments.delete'
        ? async () => ({ deletedRuns })
        : async () => {
            throw new Error(`${String(method)} is not part of this test`);
          },
  });
  return handlers;
}

describe('withResultChecks', () => {
  it('passes a result that fits the contract through unchanged', async () => {
    const handlers = withResultChecks(handlersReturning(3));
    expect(await dispatch(handlers, 'experiments.delete', { id: 1 })).toEqual({
      ok: true,
      value: { deletedRuns: 3 },
    });
  });

  it('turns a result that breaks the contract into an internal error naming the field', async () => {
    const handlers = withResultChecks(handlersReturning(-1));
    const reply = await dispatch(handlers, 'experiments.delete', { id: 1 });
    expect(reply.ok).toBe(false);
    if (reply.ok) return;
    expect(reply.error.code).toBe('internal');
    expect(reply.error.message).toMatch(
      /^experiments\.delete returned a result its contract refuses: deletedRuns/,
    );
  });
});
