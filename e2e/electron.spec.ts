import { cpus } from 'node:os';
import { resolve } from 'node:path';
import { _electron as electron, expect, test } from '@playwright/test';
import { DESKTOP_BRIDGE_KEYS } from '../src-shared/contract/desktop-bridge';
import { findElectronBinary, HOW_TO_GET_ELECTRON } from '../scripts/electron-binary.cjs';

const binary = findElectronBinary();

test('the desktop app opens a locked-down window that shows this machine', async () => {
  test.skip(
    binary.path === null,
    `Electron binary not installed: ${binary.problem}; ${HOW_TO_GET_ELECTRON}`,
  );
  const app = await electron.launch({
    executablePath: binary.path ?? '',
    // Chromium refuses to run as root with its sandbox on, which CI containers often are.
    args: [resolve(__dirname, '..'), ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])],
  });
  try {
    const page = await app.firstWindow();
    await expect(page.getByRole('heading', { name: 'Experiments', level: 1 })).toBeVisible();
    expect(
      await page.evaluate(() => Object.keys((globalThis as { basin?: object }).basin ?? {}).sort()),
    ).toEqual([...DESKTOP_BRIDGE_KEYS]);
    expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe(
      'undefined',
    );

    await page.getByRole('link', { name: 'Devices' }).click();
    await expect(page.getByTestId('cpu-cores')).toHaveText(String(cpus().length), {
      timeout: 30_000,
    });
    await expect(page.getByText('not running in Electron')).toHaveCount(0);
    const wasm = page
      .getByRole('row')
      .filter({ has: page.getByRole('rowheader', { name: /^wasm/ }) });
    await expect(wasm.getByRole('cell').first()).toHaveText('Available');
  } finally {
    await app.close();
  }
});
