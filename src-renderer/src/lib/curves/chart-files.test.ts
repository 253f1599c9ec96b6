import { describe, expect, it } from 'vitest';
import { chartCsv, chartSvg } from './chart-files';
import type { PlotModel } from './plot-model';

const model: PlotModel = {
  bands: [],
  lines: [
    {
      id: 'a',
      label: 'Run 1, "val"',
      color: '#123456',
      dashed: false,
      x: [1, 2],
      y: [0.5, 0.25],
      best: null,
    },
    {
      id: 'b',
      label: 'Run 2',
      color: '#654321',
      dashed: true,
      x: [1, 2],
      y: [0.75, 0.5],
      best: null,
    },
  ],
};

describe('chart files', () => {
  it('writes every drawn point as CSV, one row per line and point', () => {
    expect(chartCsv(model, 'Epoch', 'Loss')).toBe(
      'line,Epoch,Loss\n"Run 1, ""val""",1,0.5\n"Run 1, ""val""",2,0.25\nRun 2,1,0.75\nRun 2,2,0.5\n',
    );
  });

  it('draws each line as a polyline in its colour, fitted to the data, as standalone SVG', () => {
    const svg = chartSvg(model, {
      title: 'Loss',
      xName: 'Epoch',
      yName: 'Loss',
      width: 200,
      height: 100,
    });
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.match(/<polyline/g)).toHaveLength(2);
    expect(svg).toContain('stroke="#123456"');
    expect(svg).toContain('stroke-dasharray="5 4"');
    expect(svg).toContain('<title>Run 1, &quot;val&quot;</title>');
    // Plot area y 36–50: the lowest value (0.25) on its bottom edge, 0.5 half-way up.
    expect(svg).toContain('points="70.0,43.0 180.0,50.0"');
    expect(svg).toContain('points="70.0,36.0 180.0,43.0"');
  });
});
