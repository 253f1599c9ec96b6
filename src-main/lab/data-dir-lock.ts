import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { LabError } from '@shared/contract/envelope';
import { writeFileAtomicallySync } from '../files/atomic-write';

export const LOCK_FILE = 'lab.lock';

interface LockContent {
  pid: number;
  /** Trainer process ids by run id, so a lab that took over can end the orphans of a crashed one. */
  trainers: Record<string, number>;
  /** Other children (the ensemble and landscape evaluators): the script each runs, by pid. */
  children?: Record<string, string>;
}

/** A child a crashed lab left behind, with the script that proves a pid is still that child. */
export interface OrphanChild {
  pid: number;
  script: string;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readLock(file: string): LockContent | null {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as LockContent;
  } catch {
    return null;
  }
}

/** The process id of the lab running on `dataDir`, or null when none is. */
export function runningLabPid(dataDir: string): number | null {
  const lock = readLock(join(dataDir, LOCK_FILE));
  return lock !== null && isAlive(lock.pid) ? lock.pid : null;
}

export interface DataDirLock {
  /** Trainers the previous, crashed owner left behind (pid by run id). */
  readonly orphans: ReadonlyMap<number, number>;
  /** The other children it left behind. */
  readonly orphanChildren: readonly OrphanChild[];
  trainerStarted(runId: number, pid: number): void;
  trainerEnded(runId: number): void;
  childStarted(pid: number, script: string): void;
  childEnded(pid: number): void;
  release(): void;
}

/**
 * One lab per data folder: two would both schedule the same queue and each would mark the other's
 * running runs interrupted. The lock names the owner's pid; a lock whose owner is gone (a crash,
 * kill -9) is taken over, and the trainers it lists are handed back as orphans.
 */
export function lockDataDir(dataDir: string): DataDirLock {
  const file = join(dataDir, LOCK_FILE);
  const previous = readLock(file);
  if (previous !== null && previous.pid !== process.pid && isAlive(previous.pid)) {
    throw new LabError(
      'unavailable',
      `Another Basin lab (process ${previous.pid}) is using ${dataDir}; stop it or choose another --data-dir.`,
    );
  }
  const orphans = new Map(
    Object.entries(previous?.trainers ?? {}).map(([runId, pid]) => [Number(runId), pid]),
  );
  const orphanChildren = Object.entries(previous?.children ?? {}).map(([pid, script]) => ({
    pid: Number(pid),
    script,
  }));
  const content: LockContent = { pid: process.pid, trainers: {}, children: {} };
  const children = content.children!;
  const write = () => writeFileAtomicallySync(file, JSON.stringify(content));
  write();
  return {
    orphans,
    orphanChildren,
    childStarted(pid, script) {
      children[String(pid)] = script;
      write();
    },
    childEnded(pid) {
      delete children[String(pid)];
      write();
    },
    trainerStarted(runId, pid) {
      content.trainers[String(runId)] = pid;
      write();
    },
    trainerEnded(runId) {
      delete content.trainers[String(runId)];
      write();
    },
    release() {
      if (readLock(file)?.pid === process.pid) rmSync(file, { force: true });
    },
  };
}
