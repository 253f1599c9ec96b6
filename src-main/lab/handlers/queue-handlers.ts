import type { LabHandlers } from '@shared/contract/lab-api';
import type { LabContext } from '../lab-context';

type QueueHandlers = Pick<
  LabHandlers,
  'queue.get' | 'queue.pause' | 'queue.resume' | 'queue.reorder' | 'queue.setPriority'
>;

export function queueHandlers({ scheduler }: LabContext): QueueHandlers {
  return {
    'queue.get': async () => scheduler.state(),
    'queue.pause': async () => scheduler.pause(),
    'queue.resume': async () => scheduler.resume(),
    'queue.reorder': async ({ runId, toIndex }) => scheduler.reorder(runId, toIndex),
    'queue.setPriority': async ({ runId, priority }) => scheduler.setPriority(runId, priority),
  };
}
