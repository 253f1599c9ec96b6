import type { LabCore } from '../lab/lab-core';
import { defaultDataDir } from '../paths';

export interface DesktopStart {
  /** Opens the lab on the data folder (createLabCore with the desktop's launcher). */
  openLab: (dataDir: string) => Promise<LabCore>;
  /** Everything else startup does once the lab is open (IPC, the window). */
  wire: (core: LabCore) => void;
  /** Shows a startup failure to the person (Electron's error box). */
  showError: (title: string, text: string) => void;
  /** Ends the app with an exit code. */
  exit: (code: number) => void;
}

/**
 * Starts the desktop app on the same data folder the CLI uses ($BASIN_DATA_DIR, else ~/.basin), so
 * both see one record. A failure (another lab holds the folder, a damaged database) is shown in a
 * dialog and ends the app: never a process running on with no window.
 */
export async function startDesktop(
  start: DesktopStart,
  env: NodeJS.ProcessEnv = process.env,
): Promise<LabCore | null> {
  const dataDir = defaultDataDir(env);
  try {
    const core = await start.openLab(dataDir);
    start.wire(core);
    return core;
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    start.showError('Basin could not start', `${message}\n\nData folder: ${dataDir}`);
    start.exit(1);
    return null;
  }
}
