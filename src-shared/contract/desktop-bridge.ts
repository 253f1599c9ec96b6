import type { LabApi } from './lab-api';

/** What the Electron preload puts on `window.basin`: the LabApi and what only a desktop window has. */
export interface DesktopBridge extends LabApi {
  /** Opens the native folder picker; resolves with the chosen folder, or null when cancelled. */
  pickFolder(): Promise<string | null>;
}
