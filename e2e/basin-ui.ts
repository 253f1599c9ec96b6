import { expect, type Locator, type Page } from '@playwright/test';

/** Steps the specs take the way a person does, by the labels the views show. */

export async function openView(page: Page, name: string): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name, exact: true })
    .click();
  await expect(page.getByRole('heading', { name, level: 1 })).toBeVisible();
}

/** Types into a labelled field and leaves it, as a person tabbing on would. */
export async function fillField(
  scope: Page | Locator,
  label: string,
  value: string,
): Promise<void> {
  const field = scope.getByLabel(label, { exact: true });
  await field.fill(value);
  await field.blur();
}

/** From the Experiments list: a new experiment, named, open in the editor. */
export async function newExperiment(page: Page, name: string): Promise<void> {
  await openView(page, 'Experiments');
  await page.getByRole('button', { name: 'New experiment' }).first().click();
  await expect(page.getByRole('tab', { name: 'Data' })).toBeVisible();
  await fillField(page, 'Name', name);
}

/** Launches the open experiment and waits for the editor to confirm its runs were queued. */
export async function launch(page: Page, runs: number): Promise<void> {
  await page.getByRole('button', { name: 'Launch', exact: true }).click();
  await expect(page.getByText(`Launched ${runs} run${runs === 1 ? '' : 's'}`)).toBeVisible();
}

/** Collects uncaught page errors, with the view they happened in. */
export function watchPageErrors(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`${new URL(page.url()).hash}: ${error.message}`));
  return problems;
}
