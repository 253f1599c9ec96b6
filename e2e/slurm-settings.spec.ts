import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { openView, watchPageErrors } from './basin-ui';
import { startBasin, type RunningBasin } from './serve-basin';

// A server of its own: the saved settings decide where its queue drains after a restart, which
// must not change the shared server's data folder. No Slurm cluster is needed.
let dataDir = '';
let basin: RunningBasin | null = null;

test.beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'basin-e2e-slurm-'));
});

test.afterAll(async () => {
  await basin?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

function settingsPanel(page: Page) {
  return page.getByRole('region', { name: 'Slurm settings' });
}

test('Slurm settings are edited in the Devices view, checked, saved with the data folder, and used by the next lab', async ({
  page,
}) => {
  test.setTimeout(90_000);
  const problems = watchPageErrors(page);
  basin = await startBasin(dataDir);
  const port = Number(new URL(basin.url).port);
  await page.goto(basin.url);
  await openView(page, 'Devices');
  const panel = settingsPanel(page);
  await expect(panel.getByLabel('Time limit')).toHaveValue('2:00:00');

  // A wrong value is named next to its field and nothing is saved.
  await panel.getByLabel('Time limit').fill('two hours');
  await panel.getByLabel('Max jobs').fill('0');
  await panel.getByRole('button', { name: 'Save Slurm settings' }).click();
  await expect(panel.getByText('a Slurm time such as 2:00:00, received "two hours"')).toBeVisible();
  await expect(panel.getByText('a whole number ≥ 1, received "0"')).toBeVisible();
  await expect(panel.getByText('Not saved: fix the fields marked.')).toBeVisible();

  await panel.getByLabel('Time limit').fill('0:30:00');
  await panel.getByLabel('Max jobs').fill('2');
  await panel.getByLabel('Partition').fill('gpu');
  await panel.getByLabel('GPUs per run').fill('1');
  await panel.getByLabel('Memory per run').fill('16G');
  await panel.getByLabel('Extra sbatch arguments').fill('--qos=short\n--constraint=a100');
  await panel.getByLabel('Local slots and Slurm').check();
  await panel.getByRole('button', { name: 'Save Slurm settings' }).click();
  await expect(panel.getByText('Saved.')).toBeVisible();
  await expect(panel).toContainText("the saved settings apply from the lab's next start");

  // Read back from the data folder after a reload.
  await page.reload();
  await openView(page, 'Devices');
  await expect(panel.getByLabel('Time limit')).toHaveValue('0:30:00');
  await expect(panel.getByLabel('Max jobs')).toHaveValue('2');
  await expect(panel.getByLabel('Partition')).toHaveValue('gpu');
  await expect(panel.getByLabel('GPUs per run')).toHaveValue('1');
  await expect(panel.getByLabel('Memory per run')).toHaveValue('16G');
  await expect(panel.getByLabel('Extra sbatch arguments')).toHaveValue(
    '--qos=short\n--constraint=a100',
  );
  await expect(panel.getByLabel('Local slots and Slurm')).toBeChecked();

  // basin serve started again on the folder drains to both, as saved.
  await basin.stop();
  basin = await startBasin(dataDir, port);
  await page.goto(basin.url);
  await openView(page, 'Devices');
  await expect(panel).toContainText('The queue drains to local slots and Slurm now.');
  expect(problems).toEqual([]);
});
