import { mkdirSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { fillField, launch, newExperiment, openView, watchPageErrors } from './basin-ui';
import { basinUrl } from './serve-basin';

const ARTIFACTS = 'e2e-artifacts';
const NAME = 'Labels people read';

test.use({ viewport: { width: 1440, height: 900 } });

test('class names, metric and layer names, legends and the export form read as words', async ({
  page,
}) => {
  test.setTimeout(90_000);
  mkdirSync(ARTIFACTS, { recursive: true });
  const problems = watchPageErrors(page);
  await page.goto(basinUrl());
  await newExperiment(page, NAME);

  // The split preview names Breast Cancer's classes, not "Class 0".
  const summary = page.getByRole('region', { name: 'Split sizes' });
  await expect(summary.getByRole('columnheader', { name: 'benign' })).toBeVisible();
  await expect(summary.getByRole('columnheader', { name: 'malignant' })).toBeVisible();
  await expect(summary).not.toContainText('Class 0');

  await page.getByRole('tab', { name: 'Optimization' }).click();
  await fillField(page, 'Epochs', '4');
  await launch(page, 1);
  await openView(page, 'Runs');
  const row = page.locator('tr[data-run-id]', { hasText: NAME });
  await expect(row.locator('[data-status]')).toHaveAttribute('data-status', 'succeeded', {
    timeout: 60_000,
  });
  const runId = (await row.getAttribute('data-run-id')) ?? '';
  await row.getByRole('link', { name: `Run ${runId}` }).click();
  await expect(page.getByRole('heading', { name: `Run ${runId}`, level: 1 })).toBeVisible();

  // Metric and layer names as people write them.
  await page.getByRole('button', { name: /^Show \d+ more metrics$/ }).click();
  await expect(page.getByRole('heading', { name: 'AUC', exact: true, level: 3 })).toBeVisible();
  await expect(page.getByRole('heading', { name: /^Auc$/ })).toHaveCount(0);
  await expect(page.getByRole('list', { name: 'Layers' }).first()).toContainText('Layer 1 · dense');
  await expect(page.getByRole('list', { name: 'Layers' }).first()).not.toContainText('l00_');
  await expect(page.getByTestId('test-metrics')).toContainText('test AUC');
  // The training AUC says what it was computed on, as the store recorded it for this run.
  const trainAuc = page.getByTestId('epoch-metrics').locator('tr[data-metric="train.auc"]');
  await expect(trainAuc.getByRole('rowheader')).toContainText('training AUC');
  await expect(trainAuc.getByTestId('metric-basis')).toHaveText(
    /^all \d+ training rows \(the sample takes at most 10,000\)$/,
  );

  // ROC and PR legends name their curves, without "Value: --".
  const diagnostics = page.getByTestId('test-diagnostics');
  await expect(diagnostics.locator('.u-legend').first()).toBeVisible();
  for (const legend of await diagnostics.locator('.u-legend').all()) {
    await expect(legend).not.toContainText('--');
    await expect(legend).not.toContainText('Value');
  }

  // Export waits for a folder: the button is enabled and says what is missing.
  const exportButton = page.getByRole('button', { name: /^Export best checkpoint$/ });
  await expect(exportButton).toBeEnabled();
  await exportButton.click();
  await expect(page.getByText('Type the folder to export to first.')).toBeVisible();
  await expect(page.getByLabel('Folder to export to')).toBeFocused();
  await page.screenshot({ path: `${ARTIFACTS}/run-detail-labels.png`, fullPage: true });
  expect(problems).toEqual([]);
});
