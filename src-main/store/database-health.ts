import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { LabError } from '@shared/contract/envelope';

/** The folders under runs/ that hold checkpoints (named by run id). */
function runFolders(dataDir: string): string[] {
  try {
    return readdirSync(join(dataDir, 'runs'))
      .filter((name) => /^\d+$/.test(name))
      .sort((a, b) => Number(a) - Number(b));
  } catch {
    return [];
  }
}

/** SQLite's own verdict on the file: 'ok', or what is wrong with it. */
function quickCheck(file: string): string {
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
    const rows = db.pragma('quick_check') as { quick_check: string }[];
    return rows.map((row) => row.quick_check).join('; ');
  } catch (error) {
    return (error as Error).message;
  } finally {
    db?.close();
  }
}

function whatToDo(dataDir: string, folders: readonly string[]): string {
  const kept =
    folders.length === 0
      ? ''
      : ` The run folders under ${join(dataDir, 'runs')} (${folders.slice(0, 10).join(', ')}${folders.length > 10 ? ', …' : ''}) are kept untouched.`;
  return `Restore a backup with \`basin restore <file> --data-dir ${dataDir}\` (backups are in ${join(dataDir, 'backups')}), or move the folder aside to start afresh.${kept}`;
}

/**
 * Refuses a database that cannot be trusted before anything opens it for writing: a missing or
 * empty one beside run folders (a new lab would reuse run ids and overwrite their checkpoints), and
 * one SQLite finds malformed. A missing database in a folder without runs is a new lab.
 */
export function checkDatabaseHealth(dataDir: string, file: string): void {
  const folders = runFolders(dataDir);
  const size = existsSync(file) ? statSync(file).size : null;
  if (size === null || size === 0) {
    if (folders.length === 0) return;
    throw new LabError(
      'unavailable',
      `The database ${file} is ${size === null ? 'missing' : 'empty'}, but ${folders.length === 1 ? '1 run folder remains' : `${folders.length} run folders remain`}: Basin will not start a new record over them. ${whatToDo(dataDir, folders)}`,
    );
  }
  const verdict = quickCheck(file);
  if (verdict !== 'ok') {
    throw new LabError(
      'unavailable',
      `The database ${file} is damaged (SQLite says: ${verdict}); Basin will not open it. ${whatToDo(dataDir, folders)}`,
    );
  }
}
