import type uPlot from 'uplot';
import type { ChartTheme } from './chart-theme.svelte';
import type { PlotBand, PlotLine } from './plot-model';

function clipToPlot(u: uPlot, draw: (ctx: CanvasRenderingContext2D) => void): void {
  const { ctx, bbox } = u;
  ctx.save();
  ctx.beginPath();
  ctx.rect(bbox.left, bbox.top, bbox.width, bbox.height);
  ctx.clip();
  draw(ctx);
  ctx.restore();
}

/** Shades each band between its lower and upper edge, under the lines. */
export function drawBands(u: uPlot, bands: readonly PlotBand[], logY: boolean): void {
  const usable = (value: number) => Number.isFinite(value) && (!logY || value > 0);
  clipToPlot(u, (ctx) => {
    for (const band of bands) {
      const points: [number, number, number][] = [];
      for (let i = 0; i < band.x.length; i++) {
        const lower = band.lower[i] as number;
        const upper = band.upper[i] as number;
        if (!usable(lower) || !usable(upper)) continue;
        points.push([
          u.valToPos(band.x[i] as number, 'x', true),
          u.valToPos(lower, 'y', true),
          u.valToPos(upper, 'y', true),
        ]);
      }
      if (points.length < 2) continue;
      ctx.beginPath();
      points.forEach(([x, , upper], i) => (i === 0 ? ctx.moveTo(x, upper) : ctx.lineTo(x, upper)));
      for (let i = points.length - 1; i >= 0; i--) {
        const [x, lower] = points[i] as [number, number, number];
        ctx.lineTo(x, lower);
      }
      ctx.closePath();
      ctx.globalAlpha = 0.18;
      ctx.fillStyle = band.color;
      ctx.fill();
      ctx.globalAlpha = 1;
    }
  });
}

/** A diamond at each line's best epoch, outlined in the text colour so it shows on any line. */
export function drawBestMarkers(u: uPlot, lines: readonly PlotLine[], theme: ChartTheme): void {
  const size = 5 * devicePixelRatio;
  clipToPlot(u, (ctx) => {
    ctx.lineWidth = devicePixelRatio;
    ctx.strokeStyle = theme.text;
    for (const line of lines) {
      if (!line.best || !Number.isFinite(line.best.y)) continue;
      const x = u.valToPos(line.best.x, 'x', true);
      const y = u.valToPos(line.best.y, 'y', true);
      if (!Number.isFinite(x) || !Number.isFinite(y)) continue;
      ctx.beginPath();
      ctx.moveTo(x, y - size);
      ctx.lineTo(x + size, y);
      ctx.lineTo(x, y + size);
      ctx.lineTo(x - size, y);
      ctx.closePath();
      ctx.fillStyle = line.color;
      ctx.fill();
      ctx.stroke();
    }
  });
}
