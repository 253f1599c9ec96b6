import type { Reply } from '@shared/contract/envelope';
import { lab } from '../lib/api';

/** How long deleting waits for the runs it stopped to leave the queue and the devices. */
const STOP_WAIT_MS = 30_000;
const POLL_MS = 300;

/**
 * Deletes an experiment, first cancelling its queued and running runs (the lab refuses to delete
 * an experiment with active runs), and waiting until they have stopped.
 */
export async function deleteExperiment(id: number): Promise<Reply<{ deletedRuns: number }>> {
  const active = await lab.call('runs.list', {
    experimentId: id,
    status: ['queued', 'running'],
    limit: 5000,
  });
  if (!active.ok) return active;
  for (const run of active.value.runs) {
    const cancelled = await lab.call('runs.cancel', { id: run.id });
    if (!cancelled.ok) return cancelled;
  }
  const deadline = Date.now() + STOP_WAIT_MS;
  for (;;) {
    const reply = await lab.call('experiments.delete', { id });
    if (reply.ok || reply.error.code !== 'conflict' || Date.now() > deadline) return reply;
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}
