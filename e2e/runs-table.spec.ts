import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { runnerImport } from 'vite';
import { fillField, watchPageErrors } from './basin-ui';
import { startBasin, type RunningBasin } from './serve-basin';

const ARTIFACTS = 'e2e-artifacts';
const RUNS = 5000;

let dataDir = '';
let basin: RunningBasin | null = null;

/** Seeds through the store API with the benchmark's seed (it uses the `@shared` alias). */
async function seedRuns(dir: string, runs: number): Promise<void> {
  const root = resolve(__dirname, '..');
  const { module } = await runnerImport<{ default: (dir: string, runs: number) => unknown }>(
    join(root, 'bench', 'ui-runs.seed.ts'),
    {
      configFile: false,
      logLevel: 'error',
      resolve: { alias: { '@shared': join(root, 'src-shared') } },
    },
  );
  module.default(dir, runs);
}

test.beforeAll(async () => {
  test.setTimeout(120_000);
  dataDir = mkdtempSync(join(tmpdir(), 'basin-e2e-runs-'));
  await seedRuns(dataDir, RUNS);
  basin = await startBasin(dataDir);
});

test.afterAll(async () => {
  await basin?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

test('the Runs table holds 5,000 runs: a window of rows in the DOM, scrolled, sorted and filtered by the lab', async ({
  page,
}) => {
  test.setTimeout(90_000);
  mkdirSync(ARTIFACTS, { recursive: true });
  const problems = watchPageErrors(page);
  await page.goto(`${basin!.url}#/runs`);
  await expect(page.getByRole('heading', { name: 'Runs', level: 1 })).toBeVisible();
  const count = page.getByTestId('history-count');
  await expect(count).toHaveText('(5,000 runs)');
  const table = page.getByRole('table', { name: 'Finished runs' });
  await expect(table).toHaveAttribute('aria-rowcount', String(RUNS + 1));
  const rows = table.locator('tbody tr[aria-rowindex]');
  await expect(rows.first()).toHaveAttribute('aria-rowindex', '2');
  await expect(table.locator('tr[data-run-id]').first()).toBeVisible();
  // Only a window of rows is in the DOM, not 5,000.
  expect(await rows.count()).toBeLessThan(60);
  await page.screenshot({ path: `${ARTIFACTS}/runs-5000.png`, fullPage: true });

  // Scrolling to the bottom reaches the last run; the window moved with it.
  const scroller = page.getByTestId('runs-scroller');
  await scroller.evaluate((element) => (element.scrollTop = element.scrollHeight));
  const last = table.locator(`tr[aria-rowindex="${RUNS + 1}"]`);
  await expect(last).toHaveAttribute('data-run-id', /\d+/);
  // It is inside the scroller's visible box, not hidden under its bottom edge.
  const [rowBox, scrollerBox] = [await last.boundingBox(), await scroller.boundingBox()];
  expect(rowBox!.y + rowBox!.height).toBeLessThanOrEqual(scrollerBox!.y + scrollerBox!.height + 1);
  expect(rowBox!.y).toBeGreaterThanOrEqual(scrollerBox!.y);
  expect(await rows.count()).toBeLessThan(60);

  // The keyboard walks the rows: Home from the last row goes back to the first.
  await last.getByRole('link').focus();
  await page.keyboard.press('Home');
  await expect(table.locator('tr[aria-rowindex="2"] a')).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(table.locator('tr[aria-rowindex="3"] a')).toBeFocused();

  // Sorting by the best validation loss: ascending, so each row's value is at most the next one's.
  await table.getByRole('button', { name: 'Best Validation loss' }).click();
  await expect(table.getByRole('columnheader', { name: 'Best Validation loss' })).toHaveAttribute(
    'aria-sort',
    'ascending',
  );
  const bestValues = async () =>
    (await table.locator('tr[data-run-id] td:nth-child(4) strong').allTextContents()).map(Number);
  await expect(async () => {
    const values = await bestValues();
    expect(values.length).toBeGreaterThan(5);
    expect(values).toEqual(values.toSorted((a, b) => a - b));
  }).toPass();

  // Filters run in the lab: failed runs (every seventh), then those on wasm (every fourteenth).
  await page.getByLabel('Status').selectOption({ label: 'Failed or diverged' });
  await expect(count).toHaveText('(714 runs)');
  await page.getByLabel('Backend').selectOption('wasm');
  await expect(count).toHaveText('(357 runs)');
  await expect(table.locator('tr[data-run-id]').first()).toContainText('Seeded failure');

  // A setting: one experiment's learning rate, shown as a column.
  await page.getByRole('button', { name: 'Show all runs' }).click();
  await expect(count).toHaveText('(5,000 runs)');
  await fillField(page, 'Setting', 'optimization.optimizer.learningRate');
  await fillField(page, 'Setting value', '0.003');
  await expect(count).toHaveText('(500 runs)');
  await expect(table.locator('tr[data-run-id]').first().locator('td').nth(3)).toHaveText('0.003');

  // Bad input names its field and keeps the table as it was.
  await fillField(page, 'Best at most', 'low');
  await expect(page.getByTestId('filter-problem')).toHaveText(
    'Best at most: “low” is not a number.',
  );
  await expect(page.getByLabel('Best at most')).toHaveAttribute('aria-invalid', 'true');
  await expect(count).toHaveText('(500 runs)');
  expect(problems).toEqual([]);
});
