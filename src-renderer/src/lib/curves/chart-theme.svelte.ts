import { createSubscriber } from 'svelte/reactivity';

/** Colours a chart draws with, read from the page's theme so charts follow light and dark mode. */
export interface ChartTheme {
  text: string;
  muted: string;
  grid: string;
  accent: string;
  /** Distinct colours for series and markers, in order of use. */
  palette: readonly string[];
}

/** How many --chart-N colours app.css defines per scheme. */
const PALETTE_SIZE = 6;

const darkQuery = '(prefers-color-scheme: dark)';

const followScheme = createSubscriber((update) => {
  const query = window.matchMedia(darkQuery);
  query.addEventListener('change', update);
  return () => query.removeEventListener('change', update);
});

/**
 * The current theme's chart colours, read from app.css's custom properties (the one place colours
 * are written). Read inside an effect or a derived value, it makes them run again when the colour
 * scheme flips.
 */
export function chartTheme(): ChartTheme {
  followScheme();
  const style = getComputedStyle(document.documentElement);
  const token = (name: string) => style.getPropertyValue(name).trim();
  return {
    text: token('--text'),
    muted: token('--muted'),
    grid: token('--border'),
    accent: token('--accent'),
    palette: Array.from({ length: PALETTE_SIZE }, (_, i) => token(`--chart-${i + 1}`)).filter(
      (color) => color !== '',
    ),
  };
}
