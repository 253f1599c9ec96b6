'use strict';
const { existsSync, readFileSync } = require('node:fs');
const { dirname, join } = require('node:path');

const HOW_TO_GET_ELECTRON =
  'run `node node_modules/electron/install.js` with internet access, or reinstall without ELECTRON_SKIP_BINARY_DOWNLOAD';

/**
 * Finds Electron's binary without `require('electron')`, which tries to download a missing one.
 * @returns {{ path: string, problem: null } | { path: null, problem: string }}
 */
function findElectronBinary() {
  let packageDir;
  try {
    packageDir = dirname(require.resolve('electron/package.json'));
  } catch {
    return { path: null, problem: 'the electron package is not installed' };
  }
  const pathFile = join(packageDir, 'path.txt');
  const binary = existsSync(pathFile)
    ? join(packageDir, 'dist', readFileSync(pathFile, 'utf8'))
    : null;
  if (binary === null || !existsSync(binary)) {
    return {
      path: null,
      problem: "Electron's binary was not downloaded when the package was installed",
    };
  }
  return { path: binary, problem: null };
}

module.exports = { findElectronBinary, HOW_TO_GET_ELECTRON };
