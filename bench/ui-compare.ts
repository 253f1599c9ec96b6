/**
 * UI benchmark in Chromium. The Compare view over 200 runs × 5,000 steps × 2 metrics: the time
 * from asking for the comparison to the first painted chart (target < 300 ms) and the frame time
 * while panning and zooming it (target < 50 ms). Then the Runs table over 5,000 finished runs
 * (bench/ui-runs.ts): first paint, frame time while scrolling, rows filled after a jump. Run
 * `npm run bench:ui` (builds first), or after
 * a build `node bench/ui-compare.ts`.
 *
 * The data folder is seeded through the store API (under Vite's module runner, for the `@shared`
 * imports), served by `basin serve`, and driven with Playwright. Times come from the page's own
 * Performance API clock: a wrapper on the canvas's stroke() records when the chart drew, and the
 * next animation frame is when that drawing reached the screen.
 */
/// <reference lib="dom" />
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type Page } from '@playwright/test';
import { runnerImport } from 'vite';

const RUNS = 200;
const STEPS = 5_000;
const FIRST_PAINT_REPEATS = 7;
const FRAMES = 60;

const root = path.resolve(import.meta.dirname, '..');

async function importWithShared<T>(file: string): Promise<T> {
  const { module } = await runnerImport<T>(path.resolve(root, file), {
    configFile: false,
    logLevel: 'error',
    resolve: { alias: { '@shared': path.resolve(root, 'src-shared') } },
  });
  return module;
}

function serve(dataDir: string): Promise<{ url: string; server: ChildProcess }> {
  const cli = path.resolve(root, 'out', 'main', 'cli.js');
  const server = spawn(process.execPath, [cli, 'serve', '--port', '0', '--data-dir', dataDir], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return new Promise((found, failed) => {
    let printed = '';
    server.stdout?.setEncoding('utf8');
    server.stdout?.on('data', (chunk: string) => {
      printed += chunk;
      const url = /open: (http:\/\/\S+\?token=\S+)/.exec(printed)?.[1];
      if (url) found({ url, server });
    });
    server.once('exit', (code) =>
      failed(new Error(`basin serve exited with ${code}:\n${printed}`)),
    );
  });
}

/**
 * Records, in page time, when any canvas last stroked a path and when the last large message (a
 * curves reply) arrived on a WebSocket; installed before the app loads.
 */
function instrumentPage(): void {
  const clock = window as unknown as { lastStrokeAt: number; lastBigReplyAt: number };
  clock.lastStrokeAt = 0;
  clock.lastBigReplyAt = 0;
  const stroke = CanvasRenderingContext2D.prototype.stroke;
  CanvasRenderingContext2D.prototype.stroke = function (
    this: CanvasRenderingContext2D,
    path?: Path2D,
  ) {
    clock.lastStrokeAt = performance.now();
    Reflect.apply(stroke, this, path === undefined ? [] : [path]);
  };
  const listen = WebSocket.prototype.addEventListener;
  WebSocket.prototype.addEventListener = function (
    this: WebSocket,
    type: string,
    ...rest: unknown[]
  ) {
    if (type === 'message') {
      listen.call(this, 'message', (event) => {
        const data: unknown = (event as MessageEvent).data;
        if (String(data).length > 100_000) clock.lastBigReplyAt = performance.now();
      });
    }
    Reflect.apply(listen, this, [type, ...rest]);
  };
}

/**
 * Milliseconds from changing the hash to the selection until the chart's drawing is on screen,
 * and until the curves reply arrived (the rest is the page's own work).
 */
async function timeFirstPaint(
  page: Page,
  hash: string,
): Promise<{ painted: number; replied: number }> {
  return page.evaluate(async (target) => {
    const clock = window as unknown as { lastStrokeAt: number; lastBigReplyAt: number };
    const frame = () => new Promise<number>((done) => requestAnimationFrame(done));
    const started = performance.now();
    window.location.hash = target;
    // The chart exists only once its curves arrived, so the first stroke after the request is it.
    while (clock.lastStrokeAt < started || document.querySelector('.curve-chart canvas') === null) {
      await frame();
    }
    const painted = (await frame()) - started;
    return { painted, replied: clock.lastBigReplyAt - started };
  }, hash);
}

interface FrameTimes {
  /** Animation-frame intervals while one input per frame moved the view. */
  frames: number[];
  /** From the input to the end of the redraw it caused. */
  work: number[];
}

/** One key press or wheel turn per frame on the focused chart; the time of every frame. */
async function timeFrames(page: Page, kind: 'pan' | 'zoom'): Promise<FrameTimes> {
  return page.evaluate(
    async ({ kind, count }) => {
      const clock = window as unknown as { lastStrokeAt: number };
      const chart = document.querySelector<HTMLElement>('.curve-chart');
      const canvas = chart?.querySelector('.u-over');
      if (!chart || !canvas) throw new Error('no chart to pan');
      chart.focus();
      const box = canvas.getBoundingClientRect();
      const frame = () => new Promise<number>((done) => requestAnimationFrame(done));
      const frames: number[] = [];
      const work: number[] = [];
      let last = await frame();
      for (let i = 0; i < count; i++) {
        const input = performance.now();
        if (kind === 'pan') {
          const key = Math.floor(i / 10) % 2 === 0 ? 'ArrowRight' : 'ArrowLeft';
          chart.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true }));
        } else {
          const deltaY = Math.floor(i / 10) % 2 === 0 ? -100 : 100;
          const clientX = box.left + box.width * 0.3;
          const clientY = box.top + box.height / 2;
          chart.dispatchEvent(
            new WheelEvent('wheel', { deltaY, clientX, clientY, bubbles: true, cancelable: true }),
          );
        }
        const now = await frame();
        frames.push(now - last);
        work.push(Math.max(0, clock.lastStrokeAt - input));
        last = now;
      }
      return { frames, work };
    },
    { kind, count: FRAMES },
  );
}

function percentile(values: readonly number[], share: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))] ?? Number.NaN;
}

async function main(): Promise<void> {
  const { printTable } =
    await importWithShared<typeof import('./store-table')>('bench/store-table.ts');
  const dataDir = mkdtempSync(path.join(tmpdir(), 'basin-bench-ui-'));
  let server: ChildProcess | undefined;
  let runsServer: ChildProcess | undefined;
  let runsDir: string | undefined;
  try {
    const seed = await importWithShared<{
      default: (
        dir: string,
        runs: number,
        steps: number,
      ) => { experimentId: number; points: number };
    }>('bench/ui-compare.seed.ts');
    const seeding = performance.now();
    const { experimentId, points } = seed.default(dataDir, RUNS, STEPS);
    console.log(
      `seeded ${points.toLocaleString('en-US')} points in ${((performance.now() - seeding) / 1000).toFixed(1)} s`,
    );

    const served = await serve(dataDir);
    server = served.server;
    const browser = await chromium.launch({
      executablePath: '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu'],
    });
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.addInitScript(instrumentPage);
    const selected = `#/compare/experiments/${experimentId}`;
    await page.goto(`${served.url}#/compare`);
    await page.getByText('Pick what to compare').waitFor();

    // Warm-up, and the step axis: the seeded curves have 5,000 steps (50 epochs).
    await timeFirstPaint(page, selected);
    await page.getByLabel('X axis').selectOption('step');
    await page.locator('.curve-chart canvas').first().waitFor();

    const firstPaint: number[] = [];
    const replied: number[] = [];
    for (let i = 0; i < FIRST_PAINT_REPEATS; i++) {
      await page.evaluate(() => (window.location.hash = '#/compare'));
      await page.getByText('Pick what to compare').waitFor();
      const load = await timeFirstPaint(page, selected);
      firstPaint.push(load.painted);
      replied.push(load.replied);
    }
    const pan = await timeFrames(page, 'pan');
    const zoom = await timeFrames(page, 'zoom');

    // The Runs table, on a data folder of its own so the Compare numbers stay comparable.
    const runsBench = await importWithShared<typeof import('./ui-runs')>('bench/ui-runs.ts');
    const runsSeed = await importWithShared<{ default: (dir: string, runs: number) => unknown }>(
      'bench/ui-runs.seed.ts',
    );
    runsDir = mkdtempSync(path.join(tmpdir(), 'basin-bench-ui-runs-'));
    runsSeed.default(runsDir, runsBench.RUNS_TABLE_RUNS);
    const runsServed = await serve(runsDir);
    runsServer = runsServed.server;
    const table = await runsBench.timeRunsTable(page, runsServed.url);
    await browser.close();

    const ms = (value: number) => `${value.toFixed(1)} ms`;
    printTable(
      `Compare view, ${RUNS} runs × ${STEPS.toLocaleString('en-US')} steps × 2 metrics (Chromium, ${FIRST_PAINT_REPEATS} loads, ${FRAMES} frames each)`,
      ['measure', 'median', 'p95', 'worst', 'target'],
      [
        [
          'request → first painted chart',
          ms(percentile(firstPaint, 0.5)),
          ms(percentile(firstPaint, 0.95)),
          ms(Math.max(...firstPaint)),
          '< 300 ms',
        ],
        [
          '  of which until the curves arrived',
          ms(percentile(replied, 0.5)),
          ms(percentile(replied, 0.95)),
          ms(Math.max(...replied)),
          '',
        ],
        [
          'frame while panning',
          ms(percentile(pan.frames, 0.5)),
          ms(percentile(pan.frames, 0.95)),
          ms(Math.max(...pan.frames)),
          '< 50 ms',
        ],
        [
          '  redraw per pan step',
          ms(percentile(pan.work, 0.5)),
          ms(percentile(pan.work, 0.95)),
          ms(Math.max(...pan.work)),
          '',
        ],
        [
          'frame while zooming',
          ms(percentile(zoom.frames, 0.5)),
          ms(percentile(zoom.frames, 0.95)),
          ms(Math.max(...zoom.frames)),
          '< 50 ms',
        ],
        [
          '  redraw per zoom step',
          ms(percentile(zoom.work, 0.5)),
          ms(percentile(zoom.work, 0.95)),
          ms(Math.max(...zoom.work)),
          '',
        ],
      ],
    );
    const row = (measure: string, values: readonly number[], target: string) => [
      measure,
      ms(percentile(values, 0.5)),
      ms(percentile(values, 0.95)),
      ms(Math.max(...values)),
      target,
    ];
    printTable(
      `Runs table, ${runsBench.RUNS_TABLE_RUNS.toLocaleString('en-US')} finished runs (Chromium; at most ${table.rowsInDom} rows in the DOM)`,
      ['measure', 'median', 'p95', 'worst', 'target'],
      [
        row('request → first painted row', table.firstPaint, '< 300 ms'),
        row('frame while scrolling a screen per frame', table.scrollFrames, '< 50 ms'),
        row('jump far → every row in view filled', table.jumpFilled, ''),
      ],
    );
  } finally {
    server?.kill('SIGTERM');
    runsServer?.kill('SIGTERM');
    rmSync(dataDir, { recursive: true, force: true });
    if (runsDir !== undefined) rmSync(runsDir, { recursive: true, force: true });
  }
}

await main();
