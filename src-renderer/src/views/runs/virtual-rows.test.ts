import { describe, expect, it } from 'vitest';
import { nextRow, rowWindow, scrollToShow } from './virtual-rows';

const viewport = (scrollTop: number) => ({ scrollTop, height: 500, rowHeight: 50 });

describe('rowWindow', () => {
  it('renders the rows in view and the overscan, with the rest as padding of the right height', () => {
    expect(rowWindow(viewport(0), 5000, 5)).toEqual({
      first: 0,
      end: 15,
      above: 0,
      below: 4985 * 50,
    });
    const middle = rowWindow(viewport(100_000), 5000, 5);
    expect(middle).toEqual({ first: 1995, end: 2015, above: 1995 * 50, below: 2985 * 50 });
    expect(middle.above + (middle.end - middle.first) * 50 + middle.below).toBe(5000 * 50);
  });

  it('ends at the last row when scrolled to the bottom, and holds short and empty lists', () => {
    const bottom = rowWindow(viewport(5000 * 50 - 500), 5000, 5);
    expect([bottom.end, bottom.below]).toEqual([5000, 0]);
    expect(rowWindow(viewport(0), 3, 5)).toEqual({ first: 0, end: 3, above: 0, below: 0 });
    expect(rowWindow(viewport(0), 0, 5)).toEqual({ first: 0, end: 0, above: 0, below: 0 });
    // A scroll position left from a longer list still shows the last row.
    expect(rowWindow(viewport(99_999), 3, 5)).toMatchObject({ first: 2, end: 3 });
  });
});

describe('scrollToShow', () => {
  it('scrolls up or down just enough, under a sticky header, and not at all when in view', () => {
    expect(scrollToShow(25, viewport(1000), 40)).toBe(1000);
    expect(scrollToShow(3, viewport(1000), 40)).toBe(150);
    expect(scrollToShow(29, viewport(1000), 40)).toBe(1500 - 460);
  });
});

describe('nextRow', () => {
  it('moves by one, by a page and to either end, within the list', () => {
    expect(nextRow('ArrowDown', 4, 10, 3)).toBe(5);
    expect(nextRow('ArrowUp', 0, 10, 3)).toBe(0);
    expect(nextRow('PageDown', 8, 10, 3)).toBe(9);
    expect(nextRow('Home', 8, 10, 3)).toBe(0);
    expect(nextRow('End', 1, 10, 3)).toBe(9);
    expect(nextRow('Enter', 1, 10, 3)).toBeNull();
  });
});
