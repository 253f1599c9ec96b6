import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test } from '@playwright/test';
import { watchPageErrors } from './basin-ui';
import { startBasin, type RunningBasin } from './serve-basin';
import { callLab } from './lab-rpc';

/**
 * The Landscape panel of Compare on the shipped Breast Cancer example (4 restarts with snapshots
 * and SWA): the line between two restarts' selected models with its barrier, then the plane
 * through three checkpoints as a contour map; a screenshot of each goes to e2e-artifacts/.
 */

const ARTIFACTS = 'e2e-artifacts';

let basin: RunningBasin | undefined;
let dataDir = '';
let url: string;

// A server of its own: the shared one's address (BASIN_E2E_URL) must stay valid for later specs.
test.beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'basin-e2e-landscape-'));
  basin = await startBasin(dataDir);
  url = basin.url;
  mkdirSync(ARTIFACTS, { recursive: true });
});

test.afterAll(async () => {
  await basin?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

test('the Landscape panel draws the line with its barrier and the plane through three checkpoints', async ({
  page,
}) => {
  test.setTimeout(600_000);
  const problems = watchPageErrors(page);
  const spec = JSON.parse(
    readFileSync(
      resolve(__dirname, '..', 'resources', 'examples', 'breast-cancer-restarts.json'),
      'utf8',
    ),
  ) as Record<string, unknown>;
  const experiment = (await callLab(url, 'experiments.create', { spec })) as { id: number };
  await callLab(url, 'experiments.launch', { id: experiment.id });
  // Each restart has its selected model once it has finished.
  await expect
    .poll(
      async () => {
        const { runs } = (await callLab(url, 'runs.list', { experimentId: experiment.id })) as {
          runs: { status: string }[];
        };
        return runs.map((run) => run.status).join(',');
      },
      { timeout: 480_000, intervals: [1_000] },
    )
    .toBe('succeeded,succeeded,succeeded,succeeded');

  await page.goto(`${url}#/compare/experiments/${experiment.id}`);
  await expect(page.getByRole('heading', { name: 'Compare', level: 1 })).toBeVisible();
  const panel = page.getByRole('region', { name: 'Landscape' });
  await expect(panel.getByLabel('Checkpoint A')).toHaveValue(/:selected$/, { timeout: 30_000 });

  // Two checkpoints: the line between the first two restarts' selected models.
  await expect(panel.getByLabel('Checkpoint B')).toHaveValue(/:selected$/);
  await panel.getByRole('button', { name: /Compute \(two: a line\)/ }).click();
  await expect(panel.getByTestId('landscape-barrier')).toBeVisible({ timeout: 120_000 });
  await expect(panel.getByTestId('landscape-barrier')).toContainText(/Barrier height: train \d/);
  await panel.scrollIntoViewIfNeeded();
  await panel.screenshot({ path: join(ARTIFACTS, 'landscape-line.png') });

  // Three: the plane through A, B and a third restart's best epoch.
  const third = panel.getByLabel('Checkpoint C');
  const choice = await third
    .locator('option')
    .filter({ hasText: /best epoch/ })
    .last()
    .getAttribute('value');
  await third.selectOption(choice ?? '');
  await panel.getByLabel('Points').fill('9');
  await panel.getByRole('button', { name: /Compute \(three: a plane\)/ }).click();
  await expect(panel.getByRole('progressbar', { name: 'Landscape progress' })).toBeVisible();
  await expect(panel.getByTestId('landscape-contour')).toBeVisible({ timeout: 180_000 });
  await expect(panel.getByTestId('landscape-contour')).toHaveAttribute(
    'aria-label',
    /plane through the three checkpoints, 9 × 9 points/,
  );
  await panel.scrollIntoViewIfNeeded();
  await panel.screenshot({ path: join(ARTIFACTS, 'landscape-contour.png') });
  expect(problems).toEqual([]);
});
