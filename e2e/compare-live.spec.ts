import { expect, test, type Page } from '@playwright/test';
import { fillField, launch, newExperiment, openView, watchPageErrors } from './basin-ui';
import { basinUrl } from './serve-basin';

const NAME = 'Curves that grow in place';

/**
 * Counts, from the moment `start` is called, the lab methods the page calls over its WebSocket, the
 * epoch events it receives and the runs it is told have finished.
 */
function watchTraffic(page: Page) {
  const calls = new Map<string, number>();
  const seen = { epochs: 0, finished: 0, counting: false };
  page.on('websocket', (socket) => {
    socket.on('framesent', ({ payload }) => {
      const message = JSON.parse(String(payload)) as { method?: string };
      if (seen.counting && message.method !== undefined)
        calls.set(message.method, (calls.get(message.method) ?? 0) + 1);
    });
    socket.on('framereceived', ({ payload }) => {
      const message = JSON.parse(String(payload)) as {
        method?: string;
        params?: { status?: string };
      };
      if (!seen.counting) return;
      if (message.method === 'run.epoch') seen.epochs += 1;
      if (message.method === 'run.status' && message.params?.status === 'succeeded')
        seen.finished += 1;
    });
  });
  return {
    start: () => void (seen.counting = true),
    calls: (method: string) => calls.get(method) ?? 0,
    seen,
  };
}

test('Compare follows training runs from their events: curves grow in place, nothing is listed again', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const problems = watchPageErrors(page);
  const traffic = watchTraffic(page);
  await page.goto(basinUrl());
  await newExperiment(page, NAME);
  await page.getByRole('tab', { name: 'Optimization' }).click();
  await fillField(page, 'Epochs', '60');
  await page.getByRole('tab', { name: 'Strategy' }).click();
  await fillField(page, 'Restarts', '2');
  await launch(page, 2);

  await openView(page, 'Compare');
  await page.getByRole('checkbox', { name: new RegExp(NAME) }).check();
  const loss = page.getByTestId('curves-panel').filter({ hasText: 'Loss' }).first();
  await expect(loss.getByRole('img', { name: /^Loss against epoch/ })).toBeVisible();
  traffic.start();

  await expect.poll(() => traffic.seen.finished, { timeout: 90_000 }).toBe(2);
  // A run is read when its status changes, not per epoch: once by the model when it finishes (for
  // the values only the store has), and by the Landscape panel for its checkpoints when it starts
  // and when it finishes.
  await expect.poll(() => traffic.calls('runs.get')).toBeGreaterThanOrEqual(4);
  expect(traffic.calls('runs.get')).toBeLessThanOrEqual(6);
  expect(traffic.seen.epochs).toBeGreaterThan(20);
  // Status changes patch the listed runs; only a run not listed yet would list them again.
  expect(traffic.calls('runs.list')).toBe(0);
  // Epochs are added to the curves already drawn; they are read again only when a run finishes.
  expect(traffic.calls('curves.get')).toBeLessThan(traffic.seen.epochs / 4);
  await expect(loss.getByRole('img', { name: /^Loss against epoch, 4 curves/ })).toBeVisible();
  expect(problems).toEqual([]);
});
