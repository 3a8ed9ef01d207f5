/**
 * Small multiples in a grid: Plot facets by column (fx) and row (fy) index, with each panel's
 * title drawn inside it (top-left) — long strategy names never collide as facet headers do.
 */
import * as Plot from '@observablehq/plot';

export interface GridCell {
  col: number;
  row: number;
}

export interface FacetGrid {
  columns: number;
  rows: number;
  place: (name: string) => GridCell;
  /** Plot marks drawing each panel's title. */
  titles: (options?: { fill?: string | ((d: { name: string }) => string) }) => Plot.Markish;
}

/**
 * The most columns (up to `maxColumns`) in which every panel title fits on one line: a bold
 * 13px title takes about 8 px a character (a wide estimate, so names are never cut off).
 */
export function facetColumns(names: string[], width: number, maxColumns = 3, marginLeft = 64): number {
  const longest = Math.max(0, ...names.map((n) => [...n].length));
  let columns = Math.max(1, Math.min(maxColumns, names.length));
  while (columns > 1 && longest * 8 + 16 > (width - marginLeft) / columns) columns--;
  return columns;
}

export function facetGrid(names: string[], maxColumns = 3, shorten: (s: string) => string = (s) => s): FacetGrid {
  const columns = Math.max(1, Math.min(maxColumns, names.length));
  const place = (name: string): GridCell => {
    const i = Math.max(0, names.indexOf(name));
    return { col: i % columns, row: Math.floor(i / columns) };
  };
  return {
    columns,
    rows: Math.ceil(names.length / columns),
    place,
    titles: (options = {}) =>
      Plot.text(
        names.map((name) => ({ name, ...place(name) })),
        { fx: 'col', fy: 'row', text: (d: { name: string }) => shorten(d.name), frameAnchor: 'top-left', dx: 6, dy: 3, fontWeight: 700, fontSize: 13, fill: options.fill ?? '#1d2330' },
      ),
  };
}
