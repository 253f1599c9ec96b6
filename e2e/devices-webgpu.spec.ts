import { expect, test } from '@playwright/test';
import { basinUrl } from './serve-basin';

test('the Devices view lists WebGPU adapters and says how GPU slots are placed', async ({
  page,
}) => {
  await page.goto(basinUrl());
  await page.getByRole('link', { name: 'Devices' }).click();
  await expect(page.getByRole('heading', { name: 'WebGPU adapters', level: 2 })).toBeVisible({
    timeout: 60_000,
  });
  // This machine has no NVIDIA GPU: placement has nothing to choose between.
  await expect(
    page.getByText(/WebGPU runs use the adapter Dawn prefers|GPU/).first(),
  ).toBeVisible();
  const webgpu = page
    .getByRole('row')
    .filter({ has: page.getByRole('rowheader', { name: /^webgpu/ }) });
  await expect(webgpu).toHaveCount(1);
  await page.screenshot({ path: 'e2e-artifacts/devices-webgpu.png', fullPage: true });
});
