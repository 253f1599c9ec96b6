/** The rows of a long list that are in the DOM: those in view plus a margin each side. */
export interface RowWindow {
  /** Index of the first row rendered (0-based). */
  first: number;
  /** One past the last row rendered. */
  end: number;
  /** Height standing in for the rows above and below the window, in pixels. */
  above: number;
  below: number;
}

export interface Viewport {
  scrollTop: number;
  height: number;
  rowHeight: number;
}

/** Which of `total` fixed-height rows to render for a viewport, with `overscan` rows spare each side. */
export function rowWindow(viewport: Viewport, total: number, overscan: number): RowWindow {
  if (total <= 0) return { first: 0, end: 0, above: 0, below: 0 };
  const { scrollTop, height, rowHeight } = viewport;
  const first = Math.min(total - 1, Math.max(0, Math.floor(scrollTop / rowHeight) - overscan));
  const end = Math.min(
    total,
    Math.max(first + 1, Math.ceil((scrollTop + height) / rowHeight) + overscan),
  );
  return { first, end, above: first * rowHeight, below: (total - end) * rowHeight };
}

/**
 * The scroll position that brings row `index` fully into view with the least movement; `header`
 * is the height of a sticky header that covers the top of the viewport.
 */
export function scrollToShow(index: number, viewport: Viewport, header: number): number {
  const top = index * viewport.rowHeight;
  const bottom = top + viewport.rowHeight;
  if (top < viewport.scrollTop) return top;
  if (bottom > viewport.scrollTop + viewport.height - header)
    return bottom - (viewport.height - header);
  return viewport.scrollTop;
}

/** Where a key press moves the focus in a list of `total` rows, `page` rows to a screen. */
export function nextRow(key: string, index: number, total: number, page: number): number | null {
  const moves: Record<string, number> = {
    ArrowDown: index + 1,
    ArrowUp: index - 1,
    PageDown: index + page,
    PageUp: index - page,
    Home: 0,
    End: total - 1,
  };
  const to = moves[key];
  return to === undefined || total === 0 ? null : Math.min(total - 1, Math.max(0, to));
}
