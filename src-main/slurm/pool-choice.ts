import type { SlurmSettings } from '@shared/slurm/settings';
import { readSlurmSettings } from './settings-file';

/**
 * The Slurm settings a lab starting on `dataDir` uses, `drainTo` saying where its queue drains;
 * null where it drains to local slots only. A command that chose for itself (`basin run --slurm`
 * passes its settings, other commands null) wins; else the data folder's saved choice decides, as
 * for `basin serve` and the desktop app. Unreadable saved settings leave the lab local, said why.
 */
export function slurmInEffect(
  dataDir: string,
  chosen: SlurmSettings | null | undefined,
  reportError: (message: string) => void,
): SlurmSettings | null {
  if (chosen === null) return null;
  if (chosen !== undefined) return { ...chosen, drainTo: 'slurm' };
  try {
    const saved = readSlurmSettings(dataDir);
    return saved.drainTo === 'local' ? null : saved;
  } catch (error) {
    reportError(
      `${error instanceof Error ? error.message : String(error)}; the queue drains to local slots only`,
    );
    return null;
  }
}
