import type { PlotModel } from './plot-model';

/**
 * A chart's data and a vector drawing of it, for the files people put in papers and notebooks:
 * CSV in long form (one row per line and point) and a standalone SVG of the drawn lines.
 */

function csvField(text: string): string {
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function chartCsv(model: PlotModel, xName: string, yName: string): string {
  const rows = [`line,${csvField(xName)},${csvField(yName)}`];
  for (const line of model.lines) {
    for (let i = 0; i < line.x.length; i++) {
      rows.push(`${csvField(line.label)},${line.x[i]},${line.y[i]}`);
    }
  }
  return `${rows.join('\n')}\n`;
}

const escapeXml = (text: string) =>
  text.replace(
    /[<>&"]/g,
    (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c] ?? c,
  );

/** The lines on linear axes fitted to the data, with the axis names and the extremes marked. */
export function chartSvg(
  model: PlotModel,
  options: { title: string; xName: string; yName: string; width?: number; height?: number },
): string {
  const width = options.width ?? 800;
  const height = options.height ?? 450;
  const pad = { left: 70, right: 20, top: 36, bottom: 50 };
  const xs = model.lines.flatMap((line) => Array.from(line.x));
  const ys = model.lines.flatMap((line) => Array.from(line.y)).filter(Number.isFinite);
  const [x0, x1] = [Math.min(...xs), Math.max(...xs)];
  const [y0, y1] = [Math.min(...ys), Math.max(...ys)];
  const sx = (x: number) => pad.left + ((x - x0) / (x1 - x0 || 1)) * (width - pad.left - pad.right);
  const sy = (y: number) =>
    height - pad.bottom - ((y - y0) / (y1 - y0 || 1)) * (height - pad.top - pad.bottom);
  const paths = model.lines.map((line) => {
    const points: string[] = [];
    for (let i = 0; i < line.x.length; i++) {
      const y = line.y[i] as number;
      if (Number.isFinite(y))
        points.push(`${sx(line.x[i] as number).toFixed(1)},${sy(y).toFixed(1)}`);
    }
    const dash = line.dashed ? ' stroke-dasharray="5 4"' : '';
    return `<polyline fill="none" stroke="${escapeXml(line.color)}" stroke-width="1.5"${dash} points="${points.join(' ')}"><title>${escapeXml(line.label)}</title></polyline>`;
  });
  const text = (x: number, y: number, content: string, anchor = 'middle') =>
    `<text x="${x}" y="${y}" text-anchor="${anchor}">${escapeXml(content)}</text>`;
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="${width}" height="${height}" fill="white"/>`,
    `<rect x="${pad.left}" y="${pad.top}" width="${width - pad.left - pad.right}" height="${height - pad.top - pad.bottom}" fill="none" stroke="#ccc"/>`,
    text(width / 2, 20, options.title),
    text(width / 2, height - 12, options.xName),
    text(pad.left - 6, sy(y1) + 4, String(y1), 'end'),
    text(pad.left - 6, sy(y0) + 4, String(y0), 'end'),
    text(sx(x0), height - pad.bottom + 16, String(x0)),
    text(sx(x1), height - pad.bottom + 16, String(x1)),
    `<text x="16" y="${height / 2}" text-anchor="middle" transform="rotate(-90 16 ${height / 2})">${escapeXml(options.yName)}</text>`,
    ...paths,
    '</svg>',
  ].join('\n');
}
