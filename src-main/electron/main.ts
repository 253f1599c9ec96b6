import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  session,
  type OpenDialogOptions,
  type WebFrameMain,
} from 'electron';
import { dispatch } from '@shared/contract/dispatch';
import { fail } from '@shared/contract/envelope';
import { createLabCore, type LabCore } from '../lab/lab-core';
import { builtPaths } from '../paths';
import { CSP_HEADER } from '../security/csp';
import { CALL_CHANNEL, EVENT_CHANNEL, PICK_FOLDER_CHANNEL } from './channels';
import { startDesktop } from './desktop-start';
import { utilityLauncher } from './utility-launcher';

/**
 * The Electron shell: one locked-down window over the lab core. Everything the window may do goes
 * through the preload's LabApi bridge and `dispatch`, which validates each argument.
 */
const paths = builtPaths(__dirname);
const indexHtml = join(paths.rendererDir, 'index.html');
const indexUrl = pathToFileURL(indexHtml).href;

function isAppFrame(frame: WebFrameMain | null): boolean {
  return frame !== null && frame.url.split('#')[0] === indexUrl;
}

function lockDownSession(): void {
  // The meta tag in index.html enforces the policy for file://; this covers anything served.
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CSP_HEADER] },
    });
  });
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) =>
    callback(false),
  );
}

function wireLab(core: LabCore): void {
  ipcMain.handle(CALL_CHANNEL, (event, method: unknown, params: unknown) =>
    isAppFrame(event.senderFrame)
      ? dispatch(core.handlers, method, params)
      : fail('unavailable', 'The lab only answers the Basin window.'),
  );
  ipcMain.handle(PICK_FOLDER_CHANNEL, async (event): Promise<string | null> => {
    if (!isAppFrame(event.senderFrame)) throw new Error('Only the Basin window may pick a folder.');
    const owner = BrowserWindow.fromWebContents(event.sender);
    const options: OpenDialogOptions = { properties: ['openDirectory', 'createDirectory'] };
    const picked = await (owner
      ? dialog.showOpenDialog(owner, options)
      : dialog.showOpenDialog(options));
    return picked.canceled ? null : (picked.filePaths[0] ?? null);
  });
  core.events.subscribe(({ event, payload }) => {
    for (const window of BrowserWindow.getAllWindows()) {
      window.webContents.send(EVENT_CHANNEL, event, payload);
    }
  });
}

function createWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1200,
    height: 800,
    minWidth: 720,
    minHeight: 480,
    title: 'Basin',
    show: false,
    webPreferences: {
      preload: paths.preloadScript,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webviewTag: false,
      spellcheck: false,
    },
  });
  window.webContents.on('will-navigate', (event) => event.preventDefault());
  window.webContents.on('will-redirect', (event) => event.preventDefault());
  window.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  window.once('ready-to-show', () => window.show());
  void window.loadFile(indexHtml);
  return window;
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let mainWindow: BrowserWindow | undefined;
  app.on('second-instance', () => {
    if (!mainWindow) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
  app.on('window-all-closed', () => app.quit());
  void app.whenReady().then(() =>
    startDesktop({
      openLab: (dataDir) => {
        lockDownSession();
        return createLabCore({
          dataDir,
          probeScript: paths.probeScript,
          trainerScript: paths.trainerScript,
          evaluatorScript: paths.evaluatorScript,
          landscapeScript: paths.landscapeScript,
          resourcesDir: paths.resourcesDir,
          launcher: utilityLauncher,
        });
      },
      wire: (core) => {
        wireLab(core);
        // Quitting cancels active runs so they stay resumable, then closes the database cleanly.
        let closed = false;
        app.on('will-quit', (event) => {
          if (closed) return;
          event.preventDefault();
          void core.close().finally(() => {
            closed = true;
            app.quit();
          });
        });
        mainWindow = createWindow();
      },
      showError: (title, text) => dialog.showErrorBox(title, text),
      exit: (code) => app.exit(code),
    }),
  );
}
