import { expect, test, type Page } from '@playwright/test';
import { getAt, parsePath } from '../src-shared/experiment/paths';
import { newExperiment, watchPageErrors } from './basin-ui';
import { basinUrl } from './serve-basin';

/** The spec as the JSON tab shows it. */
async function specFromJsonView(page: Page): Promise<unknown> {
  await page.getByRole('tab', { name: /^JSON/ }).click();
  return JSON.parse(await page.getByLabel('Spec JSON').inputValue()) as unknown;
}

const valueAt = (spec: unknown, path: string) => getAt(spec, parsePath(path) ?? []);

/** Selects on screen whose chosen option does not fit (the arrow takes about 1.5 rem). */
async function truncatedSelects(page: Page): Promise<string[]> {
  return page.locator('select:visible').evaluateAll((nodes) => {
    const context = document.createElement('canvas').getContext('2d');
    if (context === null) return ['no canvas to measure with'];
    return nodes.flatMap((node) => {
      const select = node as HTMLSelectElement;
      const style = getComputedStyle(select);
      context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
      const text = select.selectedOptions[0]?.text ?? '';
      const room =
        select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - 20;
      return context.measureText(text).width > room ? [`${select.id}: ${text}`] : [];
    });
  });
}

/** Switches on every optional part of the open tab, so its fields are on screen too. */
async function switchOnToggles(page: Page): Promise<void> {
  const toggles = page.locator('[role="tabpanel"] input[type="checkbox"][id^="toggle:"]');
  for (let round = 0; round < 3; round++) {
    let switched = 0;
    for (const toggle of await toggles.all()) {
      if (!(await toggle.isChecked())) {
        await toggle.check();
        switched++;
      }
    }
    if (switched === 0) return;
  }
}

/**
 * Types into every text field of a tab, flips every checkbox and picks another choice in every
 * select that only writes its value, then reads each back from the JSON view.
 */
async function everyFieldReadsBack(page: Page, tab: string): Promise<number> {
  await page.getByRole('tab', { name: new RegExp(`^${tab}`) }).click();
  await switchOnToggles(page);
  expect(await truncatedSelects(page)).toEqual([]);
  const written = new Map<string, (value: unknown) => boolean>();
  const fields = page.locator(
    '[role="tabpanel"] input[id^="field:"], [role="tabpanel"] select[id^="field:"]',
  );
  for (const field of await fields.all()) {
    const id = (await field.getAttribute('id')) ?? '';
    const path = id.slice('field:'.length);
    const tag = await field.evaluate((element) => element.tagName.toLowerCase());
    const type = await field.getAttribute('type');
    if (!(await field.isVisible()) || !(await field.isEnabled())) continue;
    if (tag === 'select') {
      // Selects that restructure the spec (a source kind, a layer type) are covered elsewhere.
      if (/(\.kind|\.type|\.dataset)$/.test(path)) continue;
      const options = await field
        .locator('option')
        .evaluateAll((nodes) => nodes.map((node) => (node as HTMLOptionElement).value));
      const current = await field.inputValue();
      const other = options.find((option) => option !== current);
      if (other === undefined) continue;
      await field.selectOption(other);
      // An activation with parameters is written as an object of its kind.
      written.set(path, (value) => value === other || valueAt(value, 'kind') === other);
    } else if (type === 'checkbox') {
      const was = await field.isChecked();
      await field.setChecked(!was);
      written.set(path, (value) => value === !was);
    } else {
      await field.fill('7');
      await field.blur();
      // Epochs are typed from 1 as people count them and stored from 0.
      const stored = path.endsWith('startEpoch') ? ['6'] : ['7', '[7]', '"7"', '["7"]'];
      written.set(path, (value) => stored.includes(JSON.stringify(value)));
    }
  }
  const spec = await specFromJsonView(page);
  const wrong = [...written]
    .filter(([path, matches]) => !matches(valueAt(spec, path)))
    .map(([path]) => `${path}: ${JSON.stringify(valueAt(spec, path))}`);
  expect(wrong).toEqual([]);
  return written.size;
}

test.use({ viewport: { width: 1440, height: 900 } });

test('every editor field writes its value, and the JSON view reads it back', async ({ page }) => {
  const problems = watchPageErrors(page);
  await page.goto(basinUrl());
  await newExperiment(page, 'Every field');

  // Generated data: the generator fields write into a block the spec did not have yet.
  await page.getByRole('tab', { name: /^Data/ }).click();
  await page.getByLabel('Dataset', { exact: true }).selectOption('spirals');
  await page.getByLabel('Samples', { exact: true }).fill('300');
  await page.getByLabel('Noise (std. dev.)', { exact: true }).fill('0.05');
  await page.getByLabel('Generator seed', { exact: true }).fill('11');
  await page.getByLabel('Generator seed', { exact: true }).blur();
  // The split preview counts the generated rows.
  await expect(page.getByRole('row', { name: /^all 300/ })).toBeVisible();
  const spec = await specFromJsonView(page);
  expect(valueAt(spec, 'data.source.generator')).toEqual({ samples: 300, noise: 0.05, seed: 11 });

  let count = 0;
  for (const tab of ['Data', 'Model', 'Optimization', 'Strategy']) {
    count += await everyFieldReadsBack(page, tab);
  }
  expect(count).toBeGreaterThan(30);
  expect(problems).toEqual([]);
});
