import { lab } from '../api';

export type RunAction = 'cancel' | 'retry' | 'resume';

const verbs: Record<RunAction, string> = { cancel: 'cancel', retry: 'retry', resume: 'resume' };

/** Asks the lab to act on a run; resolves with what went wrong in words, or null. */
export async function actOnRun(action: RunAction, id: number): Promise<string | null> {
  const reply = await lab.call(`runs.${action}`, { id });
  return reply.ok ? null : `Could not ${verbs[action]} run ${id}: ${reply.error.message}`;
}

/** Moves a queued run to `toIndex` in the queue's start order. */
export async function moveInQueue(id: number, toIndex: number): Promise<string | null> {
  const reply = await lab.call('queue.reorder', { runId: id, toIndex });
  return reply.ok ? null : `Could not move run ${id}: ${reply.error.message}`;
}

export async function setPriority(id: number, priority: number): Promise<string | null> {
  const reply = await lab.call('queue.setPriority', { runId: id, priority });
  return reply.ok ? null : `Could not change the priority of run ${id}: ${reply.error.message}`;
}
