/**
 * The Runs-table half of `npm run bench:ui`: the finished-runs table over 5,000 runs in Chromium.
 * Times come from the page's own clock: from asking for the view (a hash change) until its first
 * row is on screen, the animation-frame intervals while the table scrolls one screen per frame,
 * and, after a jump to a far position, the time until every row in view is filled from the lab.
 */
/// <reference lib="dom" />
import type { Page } from '@playwright/test';

export const RUNS_TABLE_RUNS = 5000;
const FIRST_PAINT_REPEATS = 7;
const FRAMES = 120;
const JUMPS = 10;

export interface RunsTableTimes {
  firstPaint: number[];
  scrollFrames: number[];
  rowsInDom: number;
  jumpFilled: number[];
}

/** Milliseconds from the hash change to the frame that shows the first finished run. */
function timeFirstPaint(page: Page): Promise<number> {
  return page.evaluate(async () => {
    const frame = () => new Promise<number>((done) => requestAnimationFrame(done));
    const started = performance.now();
    window.location.hash = '#/runs';
    while (document.querySelector('[data-testid="runs-table"] tr[data-run-id]') === null)
      await frame();
    return (await frame()) - started;
  });
}

export async function timeRunsTable(page: Page, url: string): Promise<RunsTableTimes> {
  await page.goto(`${url}#/experiments`);
  await page.getByRole('heading', { name: 'Experiments', level: 1 }).waitFor();
  await timeFirstPaint(page); // warm-up
  const firstPaint: number[] = [];
  for (let i = 0; i < FIRST_PAINT_REPEATS; i++) {
    await page.evaluate(() => (window.location.hash = '#/experiments'));
    await page.getByRole('heading', { name: 'Experiments', level: 1 }).waitFor();
    firstPaint.push(await timeFirstPaint(page));
  }
  return page
    .evaluate(
      async ({ frames, jumps }) => {
        const frame = () => new Promise<number>((done) => requestAnimationFrame(done));
        const scroller = document.querySelector<HTMLElement>('[data-testid="runs-scroller"]');
        if (!scroller) throw new Error('no runs table to scroll');
        const scrollFrames: number[] = [];
        let rowsInDom = 0;
        let last = await frame();
        for (let i = 0; i < frames; i++) {
          scroller.scrollTop += scroller.clientHeight;
          const now = await frame();
          scrollFrames.push(now - last);
          last = now;
          rowsInDom = Math.max(
            rowsInDom,
            scroller.querySelectorAll('tbody tr[aria-rowindex]').length,
          );
        }
        const jumpFilled: number[] = [];
        for (let i = 0; i < jumps; i++) {
          const started = performance.now();
          scroller.scrollTop = ((i * 0.37) % 1) * scroller.scrollHeight;
          await frame();
          while (scroller.querySelector('tr.pending') !== null) await frame();
          jumpFilled.push((await frame()) - started);
        }
        return { scrollFrames, rowsInDom, jumpFilled };
      },
      { frames: FRAMES, jumps: JUMPS },
    )
    .then((measured) => ({ firstPaint, ...measured }));
}
