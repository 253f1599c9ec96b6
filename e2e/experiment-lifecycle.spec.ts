import { expect, test } from '@playwright/test';
import { fillField, launch, openView, watchPageErrors } from './basin-ui';
import { basinUrl } from './serve-basin';

const NAME = 'Lifecycle of an experiment';

test('new experiments are stored on first Save, rename checks the name, delete stops training runs', async ({
  page,
}) => {
  test.setTimeout(90_000);
  const problems = watchPageErrors(page);
  await page.goto(basinUrl());
  await openView(page, 'Experiments');
  const rows = page.locator('table tbody tr');
  const before = await rows.count();

  // Opening "New experiment" and leaving stores nothing.
  await page.getByRole('button', { name: 'New experiment' }).first().click();
  await expect(page.getByText('new, not saved yet')).toBeVisible();
  await page.getByRole('link', { name: '← All experiments' }).click();
  await expect(page.getByRole('heading', { name: 'Experiments', level: 1 })).toBeVisible();
  await expect(rows).toHaveCount(before);

  // The first Save creates it, and the address names it.
  await page.getByRole('button', { name: 'New experiment' }).first().click();
  await fillField(page, 'Name', NAME);
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByText('Saved as version 1.')).toBeVisible();
  await expect(page).toHaveURL(/#\/experiments\/\d+$/);
  await page.getByRole('tab', { name: 'Optimization' }).click();
  await fillField(page, 'Epochs', '400');
  await launch(page, 1);
  await openView(page, 'Experiments');
  await expect(rows).toHaveCount(before + 1);
  const row = rows.filter({ hasText: NAME });

  // A blank name is refused in the dialog, which stays open and says why.
  await row.getByRole('button', { name: `Rename ${NAME}` }).click();
  const rename = page.getByRole('dialog', { name: 'Rename experiment' });
  await rename.getByLabel('New name').fill('   ');
  await rename.getByRole('button', { name: 'Rename' }).click();
  await expect(rename).toBeVisible();
  await expect(rename.getByLabel('New name')).toHaveAttribute('aria-invalid', 'true');
  await expect(rename.getByText('Type a name: it cannot be empty.')).toBeVisible();
  await rename.getByRole('button', { name: 'Cancel' }).click();
  await expect(rename).toBeHidden();

  // The list follows the run's status events (queued, then running) without a reload.
  await expect(row).toContainText('1 running', { timeout: 30_000 });

  // Deleting while a run trains says that it will be stopped, then does so.
  await row.getByRole('button', { name: `Delete ${NAME}` }).click();
  const remove = page.getByRole('dialog', { name: 'Delete experiment?' });
  await expect(remove.getByTestId('delete-stops-runs')).toContainText(
    '1 run of it is training now',
  );
  await expect(remove.getByTestId('delete-stops-runs')).toContainText('deleting stops it first');
  await page.screenshot({ path: 'e2e-artifacts/delete-stops-runs.png' });
  await remove.getByRole('button', { name: 'Stop runs and delete' }).click();
  await expect(page.getByText(`Deleted “${NAME}” and its 1 run.`)).toBeVisible({
    timeout: 30_000,
  });
  await expect(rows).toHaveCount(before);
  expect(problems).toEqual([]);
});
