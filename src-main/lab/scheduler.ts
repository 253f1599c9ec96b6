import { LabError } from '@shared/contract/envelope';
import type { QueueState } from '@shared/contract/runs';
import type { DeviceSlot } from '@shared/scheduling/device-pool';
import { placeRuns, unplaceableReason } from '@shared/scheduling/placement';
import { reorderQueue, type DeviceRequirement } from '@shared/scheduling/queue';
import type { RunRecord, RunsRepository } from '../store/runs-repository';

/** One run being trained on a slot, from launch until its trainer is gone. */
export interface RunSession {
  /** Asks the trainer to stop (gracefully, then by force). */
  cancel(): void;
  /** Settles once the run has a final status and its process has exited. */
  readonly finished: Promise<void>;
}

export interface SchedulerOptions {
  pool: readonly DeviceSlot[];
  runs: RunsRepository;
  /** Launches the trainer of a queued run on a free slot. */
  startSession: (run: RunRecord, slot: DeviceSlot) => RunSession;
  /** Told whenever the queue or the set of active runs changed. */
  onChange: (state: QueueState) => void;
  /** The slots a run is held to, by slot id prefix (a Slurm job being taken back); else any. */
  slotIdPrefixOf?: (runId: number) => string | undefined;
}

/** Which slots a run may use, from the backend its spec asks for. */
export function deviceRequirement(config: unknown): DeviceRequirement {
  const backend = (config as { training?: { backend?: unknown } }).training?.backend;
  if (backend === 'tensorflow-gpu' || backend === 'webgpu') return 'gpu';
  if (backend === 'tensorflow' || backend === 'wasm' || backend === 'cpu') return 'cpu';
  return 'any';
}

/**
 * The queue × the device pool: starts queued runs on free slots in priority order, one trainer
 * per slot, and starts the next whenever a run ends, the queue resumes or new runs arrive.
 */
export function createScheduler(options: SchedulerOptions) {
  const { pool, runs } = options;
  const active = new Map<number, { slot: DeviceSlot; session: RunSession }>();
  const requirements = new Map<number, DeviceRequirement>();
  let paused = false;
  let closed = false;

  function requirementOf(runId: number): DeviceRequirement {
    let requirement = requirements.get(runId);
    if (requirement === undefined) {
      requirement = deviceRequirement(runs.get(runId).config);
      requirements.set(runId, requirement);
    }
    return requirement;
  }

  function state(): QueueState {
    const order = runs
      .queue()
      .map((entry) => entry.id)
      .filter((id) => !active.has(id));
    return { paused, queued: order.length, running: active.size, order };
  }

  function changed(): void {
    options.onChange(state());
  }

  function schedule(): void {
    if (closed || paused) return;
    const queue = runs
      .queue()
      .filter((entry) => !active.has(entry.id))
      .map((entry) => ({
        runId: String(entry.id),
        priority: entry.priority,
        position: entry.queueOrder,
        requires: requirementOf(entry.id),
        slotIdPrefix: options.slotIdPrefixOf?.(entry.id),
      }));
    const busy = new Set([...active.values()].map(({ slot }) => slot.id));
    for (const placement of placeRuns(queue, pool, busy)) {
      const runId = Number(placement.runId);
      const slot = pool.find((s) => s.id === placement.slotId);
      if (slot === undefined) throw new Error(`placeRuns chose unknown slot ${placement.slotId}`);
      const session = options.startSession(runs.get(runId), slot);
      active.set(runId, { slot, session });
      void session.finished.then(() => {
        active.delete(runId);
        requirements.delete(runId);
        schedule();
        changed();
      });
    }
  }

  function queuedEntries() {
    return runs
      .queue()
      .filter((entry) => !active.has(entry.id))
      .map((entry) => ({
        runId: String(entry.id),
        priority: entry.priority,
        position: entry.queueOrder,
      }));
  }

  function requireQueued(runId: number): void {
    if (!queuedEntries().some((entry) => entry.runId === String(runId))) {
      const run = runs.get(runId);
      throw new LabError(
        'conflict',
        `Run ${runId} is ${run.status}; only queued runs can be moved.`,
      );
    }
  }

  return {
    state,

    /** Runs whatever fits now; called after runs were queued. */
    poke(): void {
      schedule();
      changed();
    },

    /** Refuses runs that no slot of this pool could ever take. */
    checkPlaceable(config: unknown): void {
      const reason = unplaceableReason(deviceRequirement(config), pool);
      if (reason !== null)
        throw new LabError('invalid_argument', `This experiment cannot run here: ${reason}.`);
    },

    pause(): QueueState {
      paused = true;
      changed();
      return state();
    },

    resume(): QueueState {
      paused = false;
      schedule();
      changed();
      return state();
    },

    reorder(runId: number, toIndex: number): QueueState {
      requireQueued(runId);
      const changes = reorderQueue(queuedEntries(), String(runId), toIndex);
      runs.setQueuePositions(changes.map((c) => ({ ...c, runId: Number(c.runId) })));
      changed();
      return state();
    },

    setPriority(runId: number, priority: number): QueueState {
      requireQueued(runId);
      runs.setPriority(runId, priority);
      schedule();
      changed();
      return state();
    },

    /**
     * A queued run is cancelled at once and returned; a running one is asked to stop (its session
     * records the outcome) and null is returned.
     */
    cancel(runId: number): RunRecord | null {
      const running = active.get(runId);
      if (running !== undefined) {
        running.session.cancel();
        return null;
      }
      const cancelled = runs.finish(runId, 'cancelled');
      changed();
      return cancelled;
    },

    isActive(runId: number): boolean {
      return active.has(runId);
    },

    /** The run on each slot. */
    occupancy(): Map<string, number> {
      return new Map([...active].map(([runId, { slot }]) => [slot.id, runId]));
    },

    /** Settles when no run is active and none could start (queue empty or paused). */
    async idle(): Promise<void> {
      while (active.size > 0) {
        await Promise.all([...active.values()].map(({ session }) => session.finished));
      }
    },

    /** Stops starting runs and cancels the active ones; settles when their trainers are gone. */
    async close(): Promise<void> {
      closed = true;
      for (const { session } of active.values()) session.cancel();
      await this.idle();
    },
  };
}

export type Scheduler = ReturnType<typeof createScheduler>;
