import type { QueueState, RunStatus, RunSummary } from '@shared/contract/runs';
import { lab, onReconnect } from '../../lib/api';
import { paceFromRecord, type Pace } from '../../lib/runs/run-status';
import type { RunListFilter } from './run-query';

export interface RunFilter {
  /** What runs.list filters by, apart from status. */
  list: RunListFilter;
  /** Only these statuses; null for every status. */
  statuses: readonly RunStatus[] | null;
}

/**
 * The running and queued runs kept live: loaded with runs.list, then patched from run.epoch events
 * (pace and epoch, many per second) and reloaded on run.status and queue.changed (rare, and they
 * move runs in and out of the queue), and after a dropped connection, whose events are lost.
 * Reloads never overlap: one asked for during another runs once after it, so the table always ends
 * on the latest state. Finished runs, which can be thousands, are a RunWindow's.
 */
export class LiveRuns {
  active: RunSummary[] = $state([]);
  queue: QueueState | null = $state(null);
  /** Pace by run id, from the latest epoch event (or the record until one arrives). */
  paces: Record<number, Pace> = $state({});
  state: 'loading' | 'ready' | 'failed' = $state('loading');
  error = $state('');

  #filter: RunFilter;
  #reloading = false;
  #reloadAgain = false;

  constructor(filter: RunFilter) {
    this.#filter = filter;
  }

  /** Subscribes to the lab's events and loads the table; returns the unsubscribe. */
  start(): () => void {
    const stops = [
      lab.on('run.epoch', (event) => {
        this.paces[event.runId] = {
          epoch: event.epoch,
          epochs: event.epochs,
          etaMs: event.etaMs,
          measuredAt: Date.now(),
        };
        const run = this.active.find((candidate) => candidate.id === event.runId);
        if (run) run.epoch = event.epoch;
      }),
      lab.on('run.status', (event) => {
        const run = this.active.find((candidate) => candidate.id === event.runId);
        if (run) run.status = event.status;
        void this.reload();
      }),
      lab.on('queue.changed', (queue) => {
        this.queue = queue;
        void this.reload();
      }),
      onReconnect(() => void this.reload()),
    ];
    void this.reload();
    return () => stops.forEach((stop) => stop());
  }

  setFilter(filter: RunFilter): void {
    this.#filter = filter;
    this.state = 'loading';
    void this.reload();
  }

  async reload(): Promise<void> {
    if (this.#reloading) {
      this.#reloadAgain = true;
      return;
    }
    this.#reloading = true;
    try {
      do {
        this.#reloadAgain = false;
        await this.#loadOnce();
      } while (this.#reloadAgain);
    } finally {
      this.#reloading = false;
    }
  }

  async #loadOnce(): Promise<void> {
    const { list, statuses } = this.#filter;
    const activeStatuses: RunStatus[] = (['running', 'queued'] as const).filter(
      (status) => statuses === null || statuses.includes(status),
    );
    const none = { ok: true as const, value: { runs: [], total: 0 } };
    const [queue, active] = await Promise.all([
      lab.call('queue.get', {}),
      activeStatuses.length === 0
        ? none
        : lab.call('runs.list', { ...list, status: activeStatuses, sort: { by: 'queue' } }),
    ]);
    const failure = [queue, active].find((reply) => !reply.ok);
    if (failure && !failure.ok) {
      this.state = 'failed';
      this.error = failure.error.message;
      return;
    }
    if (!queue.ok || !active.ok) return;
    this.queue = queue.value;
    // Running first, then the queue in the order it will start.
    this.active = active.value.runs.toSorted(
      (a, b) => Number(b.status === 'running') - Number(a.status === 'running'),
    );
    const now = Date.now();
    for (const run of this.active) {
      const known = this.paces[run.id];
      const recorded = paceFromRecord(run, now);
      if (recorded && (known === undefined || known.epoch < recorded.epoch))
        this.paces[run.id] = recorded;
    }
    this.state = 'ready';
    this.error = '';
  }
}
