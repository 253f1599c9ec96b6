import { mkdirSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { fillField, launch, newExperiment, openView, watchPageErrors } from './basin-ui';
import { basinUrl } from './serve-basin';

const ARTIFACTS = 'e2e-artifacts';
const NAME = 'Long run to reload during';

/** The epoch the run's progress bar shows now. */
async function epochShown(page: Page, runId: string): Promise<number> {
  const bar = page
    .locator(`tr[data-run-id="${runId}"]`)
    .getByRole('progressbar', { name: 'Epochs done' });
  return Number(await bar.getAttribute('value'));
}

test('reloading the page mid-run reconnects and shows the same live state', async ({ page }) => {
  mkdirSync(ARTIFACTS, { recursive: true });
  const problems = watchPageErrors(page);
  await page.goto(basinUrl());

  // Long enough to be mid-run whenever the test looks: it is cancelled at the end.
  await newExperiment(page, NAME);
  await page.getByRole('tab', { name: 'Optimization' }).click();
  await fillField(page, 'Epochs', '400');
  await launch(page, 1);

  await openView(page, 'Runs');
  const row = page.locator('tr[data-run-id]', { hasText: NAME });
  await expect(row.locator('[data-status]')).toHaveAttribute('data-status', 'running', {
    timeout: 30_000,
  });
  const runId = (await row.getAttribute('data-run-id')) ?? '';
  await expect.poll(() => epochShown(page, runId), { timeout: 30_000 }).toBeGreaterThanOrEqual(2);
  const before = {
    epoch: await epochShown(page, runId),
    device: await row.locator('td').nth(2).textContent(),
    queue: await page.getByTestId('queue-state').textContent(),
  };

  await page.reload();
  await expect(page.getByRole('heading', { name: 'Runs', level: 1 })).toBeVisible();
  const again = page.locator(`tr[data-run-id="${runId}"]`);
  await expect(again.locator('[data-status]')).toHaveAttribute('data-status', 'running');
  await expect(again.locator('td').nth(2)).toHaveText(before.device ?? '');
  await expect(page.getByTestId('queue-state')).toHaveText(before.queue ?? '');
  // The same run, no further back than before the reload, and still moving live.
  const after = await epochShown(page, runId);
  expect(after).toBeGreaterThanOrEqual(before.epoch);
  await expect.poll(() => epochShown(page, runId), { timeout: 30_000 }).toBeGreaterThan(after);
  await expect(again).toContainText(/about .* left/);
  await page.screenshot({ path: `${ARTIFACTS}/reconnect-runs.png`, fullPage: true });

  await again.getByRole('button', { name: `Cancel run ${runId}` }).click();
  const finished = page.locator(`tr[data-run-id="${runId}"]`);
  await expect(finished.locator('[data-status]')).toHaveAttribute('data-status', 'cancelled', {
    timeout: 30_000,
  });
  expect(problems).toEqual([]);
});
