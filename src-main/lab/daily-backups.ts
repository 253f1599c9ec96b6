import { backupDatabase, newestBackupTime } from '../store/backups';
import type { Store } from '../store/open-store';

export const DAY_MS = 24 * 60 * 60 * 1000;

export interface DailyBackups {
  /** Stops the timer and waits for a backup in progress. */
  stop(): Promise<void>;
}

/**
 * Keeps a backup no older than `intervalMs` while the lab runs: one at start when the newest is
 * older (or missing), then one per interval. A failed backup is reported, never fatal.
 */
export function startDailyBackups(options: {
  store: Store;
  dataDir: string;
  keep: number;
  intervalMs: number;
  reportError: (message: string) => void;
}): DailyBackups {
  const { store, dataDir, keep, intervalMs, reportError } = options;
  let running: Promise<unknown> = Promise.resolve();
  const take = () => {
    running = running
      .then(() => backupDatabase(store.db, dataDir, 'daily', keep))
      .catch((error: unknown) => reportError(`the daily backup failed: ${String(error)}`));
  };
  const newest = newestBackupTime(dataDir);
  const due = newest === null || Date.now() - newest.getTime() >= intervalMs;
  // A new, empty lab has nothing worth a copy yet; its first backup comes with the timer.
  if (due && store.experiments.list().length > 0) take();
  const timer = setInterval(take, intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
