import { existsSync, readdirSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const DISK_FULL_CODES = new Set(['ENOSPC', 'EDQUOT', 'SQLITE_FULL']);
/** How the failure reads when it crossed a process boundary as text (a trainer's failed report). */
const DISK_FULL_TEXT =
  /ENOSPC|EDQUOT|no space left on device|quota exceeded|database or disk is full/i;

/** Whether an error (or a failure message) says the disk or quota is full. */
export function isDiskFull(error: unknown): boolean {
  if (typeof error === 'string') return DISK_FULL_TEXT.test(error);
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && DISK_FULL_CODES.has(code)) return true;
  return error instanceof Error && DISK_FULL_TEXT.test(error.message);
}

/** Bytes a non-root writer may still use on the file system holding `dir`. */
export function freeBytes(dir: string): number {
  try {
    const stats = statfsSync(dir);
    return stats.bavail * stats.bsize;
  } catch {
    return 0;
  }
}

/** The sentence a run, the UI and the CLI show: "disk full: 0.4 MB free in /data". */
export function diskFullSentence(dir: string): string {
  const mb = freeBytes(dir) / 1e6;
  return `disk full: ${mb < 10 ? mb.toFixed(1) : Math.round(mb)} MB free in ${dir}`;
}

/** Temporary names Basin's atomic writes use: `.name.writing-PID`, `.name.retired-PID`, `name.PID.tmp`. */
const TEMP_NAME = /^\..+\.(writing|retired)-\d+$|\.\d+\.tmp$/;

function removeTempEntries(dir: string): number {
  let removed = 0;
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return 0;
  }
  for (const name of names) {
    if (!TEMP_NAME.test(name)) continue;
    rmSync(join(dir, name), { recursive: true, force: true });
    removed += 1;
  }
  return removed;
}

/**
 * Removes what half-done writes left in the data folder (the lock's temp file, checkpoint folders
 * being written): on a full disk they hold space and are never finished. Returns how many went.
 */
export function removeTempFiles(dataDir: string): number {
  const runs = join(dataDir, 'runs');
  let removed = removeTempEntries(dataDir) + removeTempEntries(runs);
  let runFolders: string[];
  try {
    runFolders = readdirSync(runs);
  } catch {
    return removed;
  }
  for (const run of runFolders) removed += removeTempEntries(join(runs, run));
  return removed;
}

/**
 * Space set aside in the data folder while there is plenty: when the disk fills, deleting it gives
 * SQLite room to record that the runs were interrupted, which it could not do on a disk with no
 * byte left.
 */
export const RESERVE_FILE = 'disk-reserve';
/** Below this much free space a starting lab keeps its queue paused: runs would only fail. */
export const LOW_DISK_BYTES = 16 * 1024 * 1024;
const RESERVE_BYTES = 4 * 1024 * 1024;

export function ensureReserve(dataDir: string): void {
  const file = join(dataDir, RESERVE_FILE);
  if (existsSync(file) || freeBytes(dataDir) < 4 * RESERVE_BYTES) return;
  try {
    // Real zeros, not a sparse file: the blocks must be allocated to be given back.
    writeFileSync(file, Buffer.alloc(RESERVE_BYTES));
  } catch {
    rmSync(file, { force: true });
  }
}

export function releaseReserve(dataDir: string): void {
  rmSync(join(dataDir, RESERVE_FILE), { force: true });
}
