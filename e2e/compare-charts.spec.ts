import { mkdirSync, readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { fillField, launch, newExperiment, openView, watchPageErrors } from './basin-ui';
import { basinUrl } from './serve-basin';

const ARTIFACTS = 'e2e-artifacts';
const NAME = 'Seeds to group';

test.use({ viewport: { width: 1440, height: 900 } });

test('Compare charts use the width, enlarge, save as PNG, SVG and CSV, and group seeds', async ({
  page,
}) => {
  test.setTimeout(120_000);
  mkdirSync(ARTIFACTS, { recursive: true });
  const problems = watchPageErrors(page);
  await page.goto(basinUrl());
  await newExperiment(page, NAME);
  await page.getByRole('tab', { name: 'Optimization' }).click();
  await fillField(page, 'Epochs', '5');
  await page.getByRole('tab', { name: 'Strategy' }).click();
  await fillField(page, 'Restarts', '3');
  await launch(page, 3);
  await openView(page, 'Runs');
  await expect(
    page.locator('tr[data-run-id]', { hasText: NAME }).locator('[data-status="succeeded"]'),
  ).toHaveCount(3, { timeout: 90_000 });

  await openView(page, 'Compare');
  await page.getByRole('checkbox', { name: new RegExp(NAME) }).check();
  const loss = page.getByTestId('curves-panel').filter({ hasText: 'Loss' }).first();
  await expect(loss.getByRole('img', { name: /^Loss against epoch, 6 curves/ })).toBeVisible();
  // At 1440 px the charts are wider than the 250 px they used to be.
  expect((await loss.boundingBox())?.width ?? 0).toBeGreaterThan(400);

  // Enlarged: the whole width of the grid.
  const grid = await loss.locator('xpath=..').boundingBox();
  await loss.getByRole('button', { name: 'Enlarge' }).click();
  await expect(loss.getByRole('button', { name: 'Smaller' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  expect((await loss.boundingBox())?.width ?? 0).toBeGreaterThan((grid?.width ?? 0) - 4);
  await page.screenshot({ path: `${ARTIFACTS}/compare-chart-enlarged.png`, fullPage: true });

  // Saved files: the canvas as PNG, the lines as SVG, the points as CSV.
  for (const [button, pattern] of [
    ['PNG', /^loss-by-epoch\.png$/],
    ['SVG', /^loss-by-epoch\.svg$/],
    ['CSV', /^loss-by-epoch\.csv$/],
  ] as const) {
    const saved = page.waitForEvent('download');
    await loss.getByRole('button', { name: button, exact: true }).click();
    const file = await saved;
    expect(file.suggestedFilename()).toMatch(pattern);
    const content = readFileSync(await file.path());
    if (button === 'PNG') expect(content.subarray(1, 4).toString()).toBe('PNG');
    if (button === 'SVG') expect(content.toString().match(/<polyline/g)).toHaveLength(6);
    if (button === 'CSV') {
      const lines = content.toString().trim().split('\n');
      expect(lines[0]).toBe('line,Epoch,Loss');
      expect(lines).toHaveLength(1 + 6 * 5);
    }
  }
  await loss.getByRole('button', { name: 'Smaller' }).click();

  // Seeds as a grouping: the three restarts differ only in seed, so they are one group.
  await page.getByLabel('Group by').focus();
  await page.getByLabel('Group by').selectOption('settings except seed');
  const groups = page.getByRole('list', { name: 'Groups shown' });
  await expect(groups).toContainText('same settings (3 runs; line: mean, shade: min–max)');
  await expect(loss.getByRole('img', { name: /^Loss against epoch, 2 curves/ })).toBeVisible();
  await page.screenshot({ path: `${ARTIFACTS}/compare-grouped-seeds.png`, fullPage: true });
  expect(problems).toEqual([]);
});
