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

const LIGHT_PALETTE = ['#1f6feb', '#d1242f', '#1a7f37', '#8250df', '#bc4c00', '#0969da'];
const DARK_PALETTE = ['#4c8dff', '#ff7b72', '#56d364', '#d2a8ff', '#ffa657', '#79c0ff'];

const darkQuery = '(prefers-color-scheme: dark)';

const followScheme = createSubscriber((update) => {
  const query = window.matchMedia(darkQuery);
  query.addEventListener('change', update);
  return () => query.removeEventListener('change', update);
});

/**
 * The current theme's chart colours. Read inside an effect or a derived value, it makes them run
 * again when the colour scheme flips.
 */
export function chartTheme(): ChartTheme {
  followScheme();
  const style = getComputedStyle(document.documentElement);
  const dark = window.matchMedia(darkQuery).matches;
  const token = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  return {
    text: token('--text', dark ? '#e6e9ed' : '#1b1f24'),
    muted: token('--muted', dark ? '#9aa4b0' : '#5b6470'),
    grid: token('--border', dark ? '#2c333c' : '#d8dde3'),
    accent: token('--accent', dark ? '#4c8dff' : '#1f6feb'),
    palette: dark ? DARK_PALETTE : LIGHT_PALETTE,
  };
}
