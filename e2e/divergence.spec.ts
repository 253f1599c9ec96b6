import { mkdirSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { fillField, launch, newExperiment, openView, watchPageErrors } from './basin-ui';
import { basinUrl } from './serve-basin';

const ARTIFACTS = 'e2e-artifacts';
const NAME = 'Exploding learning rate';

test('an SGD run with a learning rate of 1e4 and no clipping shows diverged and why, in Runs and Run detail', async ({
  page,
}) => {
  mkdirSync(ARTIFACTS, { recursive: true });
  const problems = watchPageErrors(page);
  await page.goto(basinUrl());

  await newExperiment(page, NAME);
  await page.getByRole('tab', { name: 'Optimization' }).click();
  // Plain SGD: Adam's normalised steps would only saturate the sigmoid, not overflow.
  await page.getByLabel('Optimizer').selectOption({ label: 'SGD' });
  await fillField(page, 'Learning rate', '10000');
  await page.getByLabel('Clipping').selectOption('none');
  await fillField(page, 'Epochs', '5');
  await launch(page, 1);

  await openView(page, 'Runs');
  const row = page.locator('tr[data-run-id]', { hasText: NAME });
  await expect(row.locator('[data-status]')).toHaveAttribute('data-status', 'diverged', {
    timeout: 45_000,
  });
  const runId = await row.getAttribute('data-run-id');
  const reason = page.locator(`[data-reason-for="${runId}"]`);
  await expect(reason).toContainText('Diagnosis:');
  await expect(reason).toContainText(
    /became NaN or infinite at epoch \d+, batch \d+ \(learning rate 10000\)/,
  );
  await page.screenshot({ path: `${ARTIFACTS}/divergence-runs.png`, fullPage: true });

  await row.getByRole('link', { name: `Run ${runId}` }).click();
  await expect(page.getByRole('heading', { name: `Run ${runId}`, level: 1 })).toBeVisible();
  await expect(page.locator('[data-status]').first()).toHaveText('Diverged');
  await expect(page.getByRole('heading', { name: 'Why it diverged' })).toBeVisible();
  await expect(page.getByTestId('run-diagnosis')).toContainText(/learning rate/i);
  await page.screenshot({ path: `${ARTIFACTS}/divergence-run-detail.png`, fullPage: true });
  expect(problems).toEqual([]);
});
