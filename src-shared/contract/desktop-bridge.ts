import type { LabApi } from './lab-api';

/** Every key the preload puts on `window.basin`, sorted: the e2e spec and a unit test hold it. */
export const DESKTOP_BRIDGE_KEYS = ['call', 'on', 'pickFolder'] as const;

/** What the Electron preload puts on `window.basin`: the LabApi and what only a desktop window has. */
export interface DesktopBridge extends LabApi {
  /** Opens the native folder picker; resolves with the chosen folder, or null when cancelled. */
  pickFolder(): Promise<string | null>;
}
