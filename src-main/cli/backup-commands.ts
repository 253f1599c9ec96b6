import { existsSync, renameSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { LabError } from '@shared/contract/envelope';
import { lockDataDir } from '../lab/data-dir-lock';
import { defaultDataDir } from '../paths';
import {
  backupDatabase,
  BACKUP_DIR,
  commitRestore,
  keepBackupsSetting,
  stageRestore,
} from '../store/backups';
import { checkDatabaseHealth } from '../store/database-health';
import { openDatabase } from '../store/database';
import { readSchemaVersion } from '../store/migrate';
import { migrations } from '../store/migrations';
import { DATABASE_FILE, openStoreReadOnly } from '../store/open-store';
import type { BackupCommand, RestoreCommand } from './backup-args';

export async function backupCommand(command: BackupCommand): Promise<string> {
  const dataDir = resolve(command.dataDir ?? defaultDataDir());
  if (!existsSync(join(dataDir, DATABASE_FILE))) {
    throw new LabError('not_found', `There is no Basin database in ${dataDir} to back up.`);
  }
  const store = openStoreReadOnly(dataDir);
  try {
    const file = await backupDatabase(store.db, dataDir, 'manual', keepBackupsSetting());
    return `Backed up ${store.file} to ${file}.`;
  } finally {
    store.close();
  }
}

/** The schema version of a file that must be a sound Basin database, or a sentence why not. */
function backupVersion(file: string): number {
  if (!existsSync(file) || !statSync(file).isFile()) {
    throw new LabError('invalid_argument', `There is no backup file at ${file}.`);
  }
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const check = db.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new Error(String(check));
    const version = readSchemaVersion(db);
    if (version === 0) throw new Error('it holds no Basin schema');
    if (version > migrations.length) {
      throw new Error(`it was written by a newer Basin (schema version ${version})`);
    }
    return version;
  } catch (error) {
    throw new LabError(
      'invalid_argument',
      `${file} is not a Basin backup this version can restore: ${(error as Error).message}.`,
    );
  } finally {
    db?.close();
  }
}

/**
 * Replaces the data folder's database by a backup, under the folder's lock so no lab starts
 * meanwhile. The database it replaces is kept: backed up when sound, moved aside when damaged.
 */
export async function restoreCommand(command: RestoreCommand): Promise<string> {
  const dataDir = resolve(command.dataDir ?? defaultDataDir());
  const backup = resolve(command.backupFile);
  const version = backupVersion(backup);
  const lock = lockDataDir(dataDir);
  try {
    const file = join(dataDir, DATABASE_FILE);
    const staged = stageRestore(file, backup);
    let kept = '';
    if (existsSync(file) && statSync(file).size > 0) {
      try {
        checkDatabaseHealth(dataDir, file);
        const db = openDatabase(file, { readonly: true });
        try {
          kept = await backupDatabase(db, dataDir, 'before-restore', keepBackupsSetting());
        } finally {
          db.close();
        }
      } catch {
        kept = `${file}.damaged-${Date.now()}`;
        renameSync(file, kept);
      }
    }
    commitRestore(file, staged);
    const upgrade =
      version < migrations.length ? ' The lab upgrades its schema when it next starts.' : '';
    const previous = kept === '' ? '' : ` The database it replaced is kept as ${kept}.`;
    return `Restored ${file} from ${backup}.${upgrade}${previous} Backups live in ${join(dataDir, BACKUP_DIR)}.`;
  } finally {
    lock.release();
  }
}
