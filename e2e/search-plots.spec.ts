import { mkdirSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { launch, newExperiment, openView, watchPageErrors } from './basin-ui';
import { basinUrl } from './serve-basin';

const ARTIFACTS = 'e2e-artifacts';
const NAME = 'Random search to read';

test.use({ viewport: { width: 1440, height: 900 } });

test('a random search reads as parallel coordinates and a scatter per searched setting', async ({
  page,
}) => {
  test.setTimeout(120_000);
  mkdirSync(ARTIFACTS, { recursive: true });
  const problems = watchPageErrors(page);
  await page.goto(basinUrl());
  await newExperiment(page, NAME);

  // The search is written in the JSON view, as a spec file would hold it.
  await page.getByRole('tab', { name: /^JSON/ }).click();
  const json = page.getByLabel('Spec JSON');
  const spec = JSON.parse(await json.inputValue()) as Record<string, Record<string, unknown>>;
  spec.training = { ...spec.training, epochs: 3 };
  spec.strategy = {
    restarts: {
      count: 5,
      randomSearch: [
        { path: 'optimization.optimizer.learningRate', min: 0.0005, max: 0.05, log: true },
        { path: 'training.batchSize', values: [16, 32, 64] },
      ],
    },
  };
  await json.fill(JSON.stringify(spec, null, 2));
  await launch(page, 5);
  await openView(page, 'Runs');
  await expect(
    page.locator('tr[data-run-id]', { hasText: NAME }).locator('[data-status="succeeded"]'),
  ).toHaveCount(5, { timeout: 100_000 });

  await openView(page, 'Compare');
  await page.getByRole('checkbox', { name: new RegExp(NAME) }).check();
  const plots = page.getByTestId('search-plots');
  await plots.getByRole('button', { name: "Read the runs' settings" }).click();
  await expect(
    plots.getByRole('img', {
      name: /^Parallel coordinates of 2 searched settings and validation loss, 5 runs$/,
    }),
  ).toBeVisible();
  await expect(plots.locator('polyline')).toHaveCount(5);
  await expect(
    plots.getByRole('img', { name: 'validation loss against optimization.optimizer.learningRate' }),
  ).toBeVisible();
  await expect(plots).toContainText('optimization.optimizer.learningRate (log axis)');
  await expect(plots.getByRole('img', { name: /against training\.batchSize$/ })).toBeVisible();
  await plots.scrollIntoViewIfNeeded();
  await plots.screenshot({ path: `${ARTIFACTS}/compare-search-plots.png` });
  expect(problems).toEqual([]);
});
