import { describe, expect, it } from 'vitest';
import { orderQueue, reorderQueue, type QueueEntry } from './queue';

const queue: QueueEntry[] = [
  { runId: 'a', priority: 0, position: 0 },
  { runId: 'b', priority: 0, position: 1 },
  { runId: 'c', priority: 5, position: 2 },
  { runId: 'd', priority: 0, position: 3 },
];

function applyChanges(entries: QueueEntry[], changes: QueueEntry[]): string[] {
  const next = entries.map((entry) => changes.find((c) => c.runId === entry.runId) ?? entry);
  return orderQueue(next).map((entry) => entry.runId);
}

describe('orderQueue', () => {
  it('starts higher priority first, then by position, then by id', () => {
    const tied = [...queue, { runId: 'a2', priority: 0, position: 0 }];
    expect(orderQueue(tied).map((e) => e.runId)).toEqual(['c', 'a', 'a2', 'b', 'd']);
  });
});

describe('reorderQueue', () => {
  it('moves a run to the index it was dropped on', () => {
    for (let to = 0; to < queue.length; to += 1) {
      const order = applyChanges(queue, reorderQueue(queue, 'd', to));
      expect(order.indexOf('d')).toBe(to);
      expect(order.filter((id) => id !== 'd')).toEqual(['c', 'a', 'b']);
    }
  });

  it('takes the priority of the run it lands before, or after at the end', () => {
    const toFront = reorderQueue(queue, 'a', 0);
    expect(toFront.find((c) => c.runId === 'a')?.priority).toBe(5);
    const toEnd = reorderQueue(queue, 'c', 99);
    expect(toEnd.find((c) => c.runId === 'c')).toEqual({ runId: 'c', priority: 0, position: 3 });
  });

  it('reports only the entries that changed', () => {
    const ordered = orderQueue(queue).map((e, position) => ({ ...e, position }));
    expect(reorderQueue(ordered, 'b', 2)).toEqual([]);
  });

  it('refuses a run that is not queued', () => {
    expect(() => reorderQueue(queue, 'zz', 0)).toThrow('Run zz is not queued.');
  });
});
