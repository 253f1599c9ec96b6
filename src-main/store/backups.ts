import { copyFileSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { LabError } from '@shared/contract/envelope';
import type { Db } from './database';
import { moveIntoPlaceSync } from '../files/atomic-write';

export const BACKUP_DIR = 'backups';
/** How many backups a data folder keeps when not told otherwise. */
export const DEFAULT_KEEP_BACKUPS = 7;

const BACKUP_NAME = /^basin-\d{8}T\d{6}\d{3}Z-[a-z0-9-]+\.sqlite$/;

function stamp(at: Date): string {
  return at.toISOString().replace(/[-:.]/g, '');
}

/** The backups in a data folder, oldest first (names sort by time). */
export function listBackups(dataDir: string): string[] {
  try {
    return readdirSync(join(dataDir, BACKUP_DIR))
      .filter((name) => BACKUP_NAME.test(name))
      .sort()
      .map((name) => join(dataDir, BACKUP_DIR, name));
  } catch {
    return [];
  }
}

/** When the newest backup was taken, or null when there is none. */
export function newestBackupTime(dataDir: string): Date | null {
  const newest = listBackups(dataDir).at(-1);
  const match = newest === undefined ? null : /basin-(\d{8}T\d{6})(\d{3})Z/.exec(newest);
  if (match === null) return null;
  const [, time, ms] = match;
  const iso = `${time!.slice(0, 4)}-${time!.slice(4, 6)}-${time!.slice(6, 11)}:${time!.slice(11, 13)}:${time!.slice(13, 15)}.${ms}Z`;
  return new Date(iso);
}

/**
 * An online backup of the open database (SQLite's backup API, which copies a consistent snapshot
 * while the lab keeps writing) into backups/, named by time and reason; then only the newest
 * `keep` remain. The copy is written under a temporary name, so a backup file is always whole.
 */
export async function backupDatabase(
  db: Db,
  dataDir: string,
  reason: string,
  keep: number,
  at = new Date(),
): Promise<string> {
  const folder = join(dataDir, BACKUP_DIR);
  mkdirSync(folder, { recursive: true });
  const file = join(folder, `basin-${stamp(at)}-${reason}.sqlite`);
  const temp = `${file}.partial`;
  try {
    await db.backup(temp);
    moveIntoPlaceSync(temp, file);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
  for (const old of listBackups(dataDir).slice(0, -Math.max(1, keep))) rmSync(old, { force: true });
  return file;
}

/**
 * Copies `backup` beside the database file, to be swapped in by `commitRestore`; copied first, so
 * that pruning old backups meanwhile cannot take the one being restored.
 */
export function stageRestore(databaseFile: string, backup: string): string {
  const staged = `${databaseFile}.restoring`;
  copyFileSync(backup, staged);
  return staged;
}

export function commitRestore(databaseFile: string, staged: string): void {
  // The old write-ahead log belongs to the old file; replayed onto the backup it would corrupt it.
  for (const suffix of ['-wal', '-shm']) rmSync(`${databaseFile}${suffix}`, { force: true });
  moveIntoPlaceSync(staged, databaseFile);
}

/** How many database backups to keep: BASIN_KEEP_BACKUPS (a whole number ≥ 1), else 7. */
export function keepBackupsSetting(env: NodeJS.ProcessEnv = process.env): number {
  const text = env.BASIN_KEEP_BACKUPS?.trim();
  if (text === undefined || text === '') return DEFAULT_KEEP_BACKUPS;
  if (!/^\d+$/.test(text) || Number(text) < 1) {
    throw new LabError(
      'invalid_argument',
      `BASIN_KEEP_BACKUPS must be a whole number ≥ 1, received "${text}".`,
    );
  }
  return Number(text);
}
