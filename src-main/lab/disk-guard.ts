import type { LabEventBus } from './events';
import {
  diskFullSentence,
  freeBytes,
  isDiskFull,
  releaseReserve,
  removeTempFiles,
} from './disk-full';
import type { Scheduler } from './scheduler';

export interface DiskGuard {
  /**
   * A write failed for want of space: the queue pauses (nothing new starts to fail the same way),
   * running runs are stopped to be resumed later, temp files go, and the UI hears of it. Returns the
   * sentence the affected run records as its error.
   */
  full(): string;
  /** Whether the guard stopped this run, so that it ends interrupted, not cancelled. */
  stopped(runId: number): boolean;
  /** Runs a write whose failure must not end the lab: a full disk trips the guard, else reported. */
  attempt(write: () => void, what: string): void;
}

export function createDiskGuard(options: {
  dataDir: string;
  scheduler: () => Scheduler;
  events: LabEventBus;
  reportError: (message: string) => void;
}): DiskGuard {
  const { dataDir, events, reportError } = options;
  let handling = false;
  const stoppedRuns = new Set<number>();
  return {
    stopped: (runId) => stoppedRuns.has(runId),
    attempt(write, what) {
      try {
        write();
      } catch (error) {
        if (isDiskFull(error)) this.full();
        else reportError(`${what} failed: ${String(error)}`);
      }
    },
    full() {
      if (!handling) releaseReserve(dataDir);
      const sentence = diskFullSentence(dataDir);
      if (handling) return sentence;
      handling = true;
      try {
        const scheduler = options.scheduler();
        scheduler.pause();
        for (const runId of scheduler.occupancy().values()) {
          stoppedRuns.add(runId);
          scheduler.cancel(runId);
        }
        removeTempFiles(dataDir);
        events.emit('lab.diskFull', {
          message: `The disk is full (${sentence.replace(/^disk full: /, '')}): the queue is paused and running runs stop, to be resumed once space is freed.`,
          directory: dataDir,
          freeBytes: freeBytes(dataDir),
        });
        reportError(`${sentence}; the queue is paused.`);
      } catch (error) {
        reportError(`handling a full disk failed too: ${String(error)}`);
      } finally {
        // Once space is freed and the queue resumed, the next full disk is news again.
        setTimeout(() => (handling = false), 5_000).unref();
      }
      return sentence;
    },
  };
}
