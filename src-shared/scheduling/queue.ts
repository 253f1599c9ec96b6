/** What a queued run needs from a slot: a GPU, a CPU core, or whichever is free. */
export type DeviceRequirement = 'any' | 'gpu' | 'cpu';

export interface QueueEntry {
  runId: string;
  /** Higher runs first. */
  priority: number;
  /** Order among runs of equal priority, lower first. */
  position: number;
}

/** The queue in the order runs start: priority high to low, then position, then id for stability. */
export function orderQueue<T extends QueueEntry>(entries: readonly T[]): T[] {
  return [...entries].sort(
    (a, b) =>
      b.priority - a.priority ||
      a.position - b.position ||
      (a.runId < b.runId ? -1 : a.runId > b.runId ? 1 : 0),
  );
}

/**
 * Moves one run to `toIndex` of the ordered queue and renumbers every position. The moved run takes
 * the priority of the run it lands before (or after, at the end), so a drag in the UI always puts
 * it exactly where it was dropped. Returns every entry whose priority or position changed.
 */
export function reorderQueue(
  entries: readonly QueueEntry[],
  runId: string,
  toIndex: number,
): QueueEntry[] {
  const ordered = orderQueue(entries);
  const from = ordered.findIndex((entry) => entry.runId === runId);
  const moving = ordered[from];
  if (moving === undefined) throw new RangeError(`Run ${runId} is not queued.`);
  const rest = ordered.filter((entry) => entry.runId !== runId);
  const target = Math.max(0, Math.min(Math.trunc(toIndex), rest.length));
  const neighbour = rest[target] ?? rest[target - 1];
  const moved = { ...moving, priority: neighbour?.priority ?? moving.priority };
  rest.splice(target, 0, moved);
  const changed: QueueEntry[] = [];
  rest.forEach((entry, position) => {
    const before = entries.find((e) => e.runId === entry.runId);
    if (before?.priority !== entry.priority || before.position !== position) {
      changed.push({ runId: entry.runId, priority: entry.priority, position });
    }
  });
  return changed;
}
