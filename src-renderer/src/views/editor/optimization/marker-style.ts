import type { PreviewMarkerKind } from '@shared/schedules/preview';
import type { ChartTheme } from '../../../lib/curves/chart-theme.svelte';

export const markerLabels: Record<PreviewMarkerKind, string> = {
  warmupEnd: 'warmup ends',
  restart: 'restart',
  snapshot: 'snapshot',
  swaStart: 'SWA starts',
};

/** Each marker kind keeps one colour from the theme's palette. */
export function markerColor(kind: PreviewMarkerKind, theme: ChartTheme): string {
  const index = { warmupEnd: 2, restart: 4, snapshot: 1, swaStart: 3 }[kind];
  return theme.palette[index % theme.palette.length] ?? theme.accent;
}
