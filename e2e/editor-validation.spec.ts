import { expect, test, type Page } from '@playwright/test';
import { basinUrl } from './serve-basin';

/** Collects what the page logs as an error, so a spec can require a clean run. */
function watchForErrors(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  return problems;
}

async function newExperiment(page: Page): Promise<void> {
  await page.goto(basinUrl());
  await expect(page.getByRole('heading', { name: 'Experiments', level: 1 })).toBeVisible();
  await page.getByRole('button', { name: 'New experiment' }).first().click();
  await expect(page.getByRole('tab', { name: 'Data' })).toHaveAttribute('aria-selected', 'true');
  await expect(page.getByRole('heading', { name: 'Ready to launch' })).toBeVisible();
}

const layer = (page: Page, position: number) =>
  page.getByRole('listitem', { name: new RegExp(`^Layer ${position} of \\d+`) });

test('bad input: the fields say what is wrong and Launch waits until both are fixed', async ({
  page,
}) => {
  const problems = watchForErrors(page);
  await newExperiment(page);
  const launch = page.getByRole('button', { name: 'Launch', exact: true });
  await expect(launch).toBeEnabled();

  await page.getByRole('tab', { name: 'Model' }).click();
  const units = layer(page, 1).getByLabel('Units');
  await units.fill('0');
  await expect(units).toHaveAttribute('aria-invalid', 'true');
  await expect(units).toHaveAccessibleDescription(/must be a whole number ≥ 1 \(received 0\)/i);
  await expect(layer(page, 1).getByText('Must be a whole number ≥ 1 (received 0).')).toBeVisible();

  await page.getByRole('tab', { name: /Optimization/ }).click();
  const learningRate = page.getByLabel('Learning rate', { exact: true });
  await learningRate.fill('-1');
  await expect(learningRate).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByText('Must be a number > 0 (received -1).')).toBeVisible();

  await expect(launch).toBeDisabled();
  const reasons = page.getByRole('list', { name: 'Why Launch is disabled' }).getByRole('listitem');
  await expect(reasons).toHaveCount(2);
  await expect(reasons.nth(0)).toContainText('Layer 1 · Units');
  await expect(reasons.nth(0)).toContainText('must be a whole number ≥ 1');
  await expect(reasons.nth(1)).toContainText('Learning rate');
  await expect(reasons.nth(1)).toContainText('must be a number > 0');
  // Each tab counts the errors it holds.
  await expect(page.getByRole('tab', { name: /Model/ })).toContainText('1');
  await page.screenshot({ path: 'e2e-artifacts/editor-invalid.png', fullPage: true });

  // A reason leads to its field, on its own tab.
  await reasons.nth(0).getByRole('button').click();
  await expect(page.getByRole('tab', { name: /Model/ })).toHaveAttribute('aria-selected', 'true');
  await expect(layer(page, 1).getByLabel('Units')).toBeFocused();

  await layer(page, 1).getByLabel('Units').fill('16');
  await expect(reasons).toHaveCount(1);
  await expect(launch).toBeDisabled();
  await page.getByRole('tab', { name: /Optimization/ }).click();
  await page.getByLabel('Learning rate', { exact: true }).fill('0.01');

  await expect(page.getByRole('heading', { name: 'Ready to launch' })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Why Launch is disabled' })).toHaveCount(0);
  await expect(launch).toBeEnabled();
  await expect(page.getByLabel('Learning rate', { exact: true })).toHaveAttribute(
    'aria-invalid',
    'false',
  );

  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByText('Saved as version 1.')).toBeVisible();
  await page.screenshot({ path: 'e2e-artifacts/editor-optimization.png', fullPage: true });
  expect(problems).toEqual([]);
});

test('the layer stack shows shapes as you type and reorders by keyboard and by drag', async ({
  page,
}) => {
  await newExperiment(page);
  await page.getByRole('tab', { name: 'Model' }).click();
  await expect(layer(page, 1)).toContainText('out [16]');
  await expect(layer(page, 1)).toContainText('496 params');
  await expect(page.getByText('513 parameters')).toBeVisible();

  await layer(page, 1).getByLabel('Units').fill('8');
  await expect(layer(page, 1)).toContainText('248 params');
  await expect(page.getByText('257 parameters')).toBeVisible();

  await page.getByLabel('New layer').selectOption('dropout');
  await page.getByRole('button', { name: 'Add layer' }).click();
  await expect(layer(page, 3)).toContainText('Dropout');
  // The output layer comes last again: Alt+Arrow Up on the new layer moves it above the output.
  await expect(page.getByRole('button', { name: /^Move layer 3 \(Dropout\)/ })).toBeFocused();
  await page.keyboard.press('Alt+ArrowUp');
  await expect(page.getByRole('button', { name: /^Move layer 2 \(Dropout\)/ })).toBeFocused();
  await expect(layer(page, 3).getByLabel('Units')).toHaveValue('1');

  // Dragging a layer's handle onto another card puts it there.
  await page.getByRole('button', { name: /^Move layer 2 \(Dropout\)/ }).dragTo(layer(page, 1));
  await expect(layer(page, 1)).toContainText('Dropout rate');
  await expect(layer(page, 2).getByLabel('Units')).toHaveValue('8');
  await expect(page.getByText('Ready to launch')).toBeVisible();
  await page.screenshot({ path: 'e2e-artifacts/editor-model.png', fullPage: true });

  await page.getByRole('link', { name: '← All experiments' }).click();
  await expect(page.getByRole('heading', { name: 'Experiments', level: 1 })).toBeVisible();
  await expect(page.getByRole('table').getByRole('link').first()).toBeVisible();
  await page.screenshot({ path: 'e2e-artifacts/experiments.png', fullPage: true });
});
