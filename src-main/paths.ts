import { homedir } from 'node:os';
import { join } from 'node:path';
import { LabError } from '@shared/contract/envelope';
import { DEFAULT_KEEP_BACKUPS } from './store/backups';

/** Where the sibling bundles of a built entry live, given that entry's folder (out/main). */
export function builtPaths(mainDir: string) {
  return {
    probeScript: join(mainDir, 'probe.js'),
    trainerScript: join(mainDir, 'trainer.js'),
    evaluatorScript: join(mainDir, 'ensemble.js'),
    landscapeScript: join(mainDir, 'landscape.js'),
    /** The repository's resources/ (built-in datasets, examples), beside out/. */
    resourcesDir: join(mainDir, '..', '..', 'resources'),
    rendererDir: join(mainDir, '..', 'renderer'),
    preloadScript: join(mainDir, '..', 'preload', 'index.js'),
  };
}

/** The data folder when none is given: BASIN_DATA_DIR, else ~/.basin. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env.BASIN_DATA_DIR?.trim();
  return fromEnv ? fromEnv : join(homedir(), '.basin');
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
