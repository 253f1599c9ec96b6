import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { DesktopBridge } from '@shared/contract/desktop-bridge';
import { isLabEvent, labEvents } from '@shared/contract/lab-api';
import { CALL_CHANNEL, EVENT_CHANNEL, PICK_FOLDER_CHANNEL } from './channels';

/**
 * The renderer's whole view of the main process: `window.basin`, a LabApi and the native folder
 * picker. Raw ipcRenderer never crosses the bridge; the main process validates every argument
 * that comes through it, and events are validated here as the browser validates them off the
 * WebSocket, so a malformed one is dropped before any view sees it.
 */
const bridge: DesktopBridge = {
  call: (method, params) => ipcRenderer.invoke(CALL_CHANNEL, method, params),
  on: (event, handler) => {
    const listener = (_: IpcRendererEvent, name: unknown, payload: unknown) => {
      if (name !== event || !isLabEvent(name)) return;
      const parsed = labEvents[name].safeParse(payload);
      if (!parsed.success) return console.warn(`Basin: ignored a malformed ${name}.`);
      handler(parsed.data as Parameters<typeof handler>[0]);
    };
    ipcRenderer.on(EVENT_CHANNEL, listener);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, listener);
    };
  },
  pickFolder: () => ipcRenderer.invoke(PICK_FOLDER_CHANNEL) as Promise<string | null>,
};

contextBridge.exposeInMainWorld('basin', bridge);
