import { cpus } from 'node:os';
import { expect, test } from '@playwright/test';
import { basinUrl } from './serve-basin';

test('the Devices view shows this machine: its cores and the wasm backend', async ({ page }) => {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));

  await page.goto(basinUrl());
  await expect(page.getByRole('heading', { name: 'Experiments', level: 1 })).toBeVisible();

  await page.getByRole('link', { name: 'Devices' }).click();
  await expect(page.getByRole('link', { name: 'Devices' })).toHaveAttribute('aria-current', 'page');
  await expect(page.getByRole('heading', { name: 'Devices', level: 1 })).toBeVisible();

  // The first system.info runs the backend probe in child processes; wait for its answer.
  await expect(page.getByTestId('cpu-cores')).toHaveText(String(cpus().length), {
    timeout: 30_000,
  });
  const wasm = page
    .getByRole('row')
    .filter({ has: page.getByRole('rowheader', { name: /^wasm/ }) });
  await expect(wasm.getByRole('cell').first()).toHaveText('Available');

  await page.screenshot({ path: 'e2e-artifacts/devices.png', fullPage: true });
  expect(problems).toEqual([]);
});

test('the app is reachable by keyboard', async ({ page }) => {
  await page.goto(basinUrl());
  await page.keyboard.press('Tab');
  await expect(page.getByRole('link', { name: 'Skip to content' })).toBeFocused();
  for (const name of ['Experiments', 'Runs', 'Compare', 'Devices']) {
    await page.keyboard.press('Tab');
    await expect(page.getByRole('link', { name })).toBeFocused();
  }
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Devices', level: 1 })).toBeVisible();
  await expect(page.locator('main')).toBeFocused();
});
