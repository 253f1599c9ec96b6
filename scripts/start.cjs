'use strict';
// `npm start`: build, then open the desktop app; where Electron's binary is missing, say how to get it.
const { spawn, spawnSync } = require('node:child_process');
const { join } = require('node:path');
const { findElectronBinary, HOW_TO_GET_ELECTRON } = require('./electron-binary.cjs');

const root = join(__dirname, '..');
const electron = findElectronBinary();
if (electron.path === null) {
  console.error(
    `Basin's desktop app cannot start because ${electron.problem}: ${HOW_TO_GET_ELECTRON} (browser mode, \`npm run serve\`, works without it).`,
  );
  process.exit(1);
}

const build = spawnSync(
  process.execPath,
  [require.resolve('electron-vite/bin/electron-vite.js'), 'build'],
  {
    cwd: root,
    stdio: 'inherit',
  },
);
if (build.status !== 0) process.exit(build.status ?? 1);

const app = spawn(electron.path, [root], { cwd: root, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => app.kill(signal));
app.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
