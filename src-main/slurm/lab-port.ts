import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openLabListener, type LabListener } from './lab-listener';

const PORT_FILE = 'slurm-lab-port';

/**
 * The trainer listener on the port this data folder's lab used before (BASIN_LAB_PORT overrides),
 * so that jobs submitted by a lab that has since restarted reach this one. A port that is taken
 * now is given up for a free one, saying that those jobs cannot reconnect.
 */
export async function listenOnSavedPort(
  dataDir: string,
  reportError: (message: string) => void,
): Promise<LabListener> {
  const file = join(dataDir, PORT_FILE);
  const bindHost = process.env.BASIN_LAB_BIND ?? '0.0.0.0';
  let saved = 0;
  try {
    saved = Number(readFileSync(file, 'utf8').trim()) || 0;
  } catch {
    // First Slurm launch on this data folder.
  }
  const wanted = Number(process.env.BASIN_LAB_PORT ?? saved);
  let listener: LabListener;
  try {
    listener = await openLabListener({ bindHost, port: wanted });
  } catch (error) {
    if (wanted === 0) throw error;
    reportError(
      `port ${wanted} for Slurm trainers is taken (${String(error)}); jobs submitted before cannot reconnect`,
    );
    listener = await openLabListener({ bindHost, port: 0 });
  }
  writeFileSync(file, `${listener.port}\n`);
  return listener;
}
