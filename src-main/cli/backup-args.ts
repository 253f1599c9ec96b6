import { parseArgs } from 'node:util';
import { UsageError } from './usage-error';

/** `basin backup` and `basin restore`, as parsed; the commands themselves are in backup-commands.ts. */
export interface BackupCommand {
  kind: 'backup';
  dataDir: string | null;
}

export interface RestoreCommand {
  kind: 'restore';
  dataDir: string | null;
  backupFile: string;
}

export const BACKUP_COMMANDS = `  backup           Copy the database into the data folder's backups/ (safe while the lab runs)
  restore <file>   Replace the database by a backup (the lab must be stopped)`;

export function parseBackup(args: string[]): BackupCommand | { kind: 'help' } {
  const { values } = parseArgs({
    args,
    strict: true,
    allowPositionals: false,
    options: { 'data-dir': { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) return { kind: 'help' };
  return { kind: 'backup', dataDir: values['data-dir'] || null };
}

export function parseRestore(args: string[]): RestoreCommand | { kind: 'help' } {
  const { values, positionals } = parseArgs({
    args,
    strict: true,
    allowPositionals: true,
    options: { 'data-dir': { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) return { kind: 'help' };
  const [backupFile, extra] = positionals;
  if (backupFile === undefined) throw new UsageError('Name the backup file to restore.');
  if (extra !== undefined) throw new UsageError(`Unexpected argument "${extra}".`);
  return { kind: 'restore', dataDir: values['data-dir'] || null, backupFile };
}
