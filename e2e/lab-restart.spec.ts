import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { fillField, launch, newExperiment, openView, watchPageErrors } from './basin-ui';
import { startBasin, type RunningBasin } from './serve-basin';

const ARTIFACTS = 'e2e-artifacts';
const NAME = 'Run across a lab restart';

let dataDir = '';
let basin: RunningBasin | null = null;

test.beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'basin-e2e-restart-'));
});

test.afterAll(async () => {
  await basin?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

test('stopping and restarting basin serve mid-run: the page says so, then recovers and resumes', async ({
  page,
  context,
}) => {
  test.setTimeout(120_000);
  mkdirSync(ARTIFACTS, { recursive: true });
  const problems = watchPageErrors(page);
  basin = await startBasin(dataDir);
  const port = Number(new URL(basin.url).port);
  await page.goto(basin.url);

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
  await page.goto(`${basin.url}#/runs/${runId}`);
  await expect(page.getByRole('heading', { name: `Run ${runId}`, level: 1 })).toBeVisible();
  await expect(page.getByText(/epoch ([2-9]|\d\d+) of 400/)).toBeVisible({ timeout: 30_000 });

  // The lab stops: the page says so and its actions wait.
  await basin.stop();
  const banner = page.getByTestId('link-banner');
  await expect(banner).toContainText('Disconnected from the lab — reconnecting…');
  await expect(page.getByRole('combobox', { name: 'X axis' })).toBeDisabled();
  await page.screenshot({ path: `${ARTIFACTS}/lab-disconnected.png`, fullPage: true });

  // It comes back on the same port with a new token: this page's token no longer opens it.
  basin = await startBasin(dataDir, port);
  await expect(banner).toContainText("this page's access token is no longer valid", {
    timeout: 30_000,
  });
  await expect(banner).toContainText('Open the URL that basin serve printed');

  // Opening the printed URL (another tab, same browser) lets this page back in; it reloads the run.
  const fresh = await context.newPage();
  await fresh.goto(basin.url);
  await expect(fresh.getByRole('heading', { name: 'Experiments', level: 1 })).toBeVisible();
  await expect(banner).toHaveCount(0, { timeout: 30_000 });
  // Stopping the lab stops its runs (cancelled on a clean stop, interrupted after a crash).
  await expect(page.locator('[data-status]').first()).toHaveAttribute(
    'data-status',
    /interrupted|cancelled/,
  );
  await expect(page.getByTestId('result-note')).toContainText(
    /This run was (interrupted|cancelled) at epoch \d+ of 400/,
  );
  await page.screenshot({ path: `${ARTIFACTS}/run-interrupted.png`, fullPage: true });

  // Resume from Run detail: a second attempt, after the first that the restart stopped.
  await page.getByRole('button', { name: 'Resume', exact: true }).click();
  await expect(page.locator('[data-status]').first()).toHaveAttribute('data-status', 'running', {
    timeout: 30_000,
  });
  const timeline = page.getByTestId('run-timeline');
  await expect(timeline.getByTestId('attempt-1-outcome')).toHaveText(
    /^Was (interrupted|cancelled) at epoch \d+ of 400$/,
  );
  await expect(timeline.getByTestId('attempt-2')).toHaveAttribute('data-state', 'running');
  await expect(timeline.getByTestId('attempt-2-started')).toBeVisible();
  await expect(timeline.getByRole('heading', { name: /^Attempt \d/ })).toHaveCount(2);
  await page.getByTestId('run-timeline').screenshot({ path: `${ARTIFACTS}/run-attempts.png` });
  await openView(page, 'Runs');
  await page.getByRole('button', { name: `Cancel run ${runId}` }).click();
  await expect(page.locator(`tr[data-run-id="${runId}"]`).locator('[data-status]')).toHaveAttribute(
    'data-status',
    'cancelled',
    { timeout: 30_000 },
  );
  expect(problems).toEqual([]);
});
