import { homedir } from 'node:os';
import { join } from 'node:path';

/** Where the sibling bundles of a built entry live, given that entry's folder (out/main). */
export function builtPaths(mainDir: string) {
  return {
    probeScript: join(mainDir, 'probe.js'),
    trainerScript: join(mainDir, 'trainer.js'),
    evaluatorScript: join(mainDir, 'ensemble.js'),
    landscapeScript: join(mainDir, 'landscape.js'),
    doctorScript: join(mainDir, 'doctor.js'),
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
