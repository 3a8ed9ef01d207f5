/**
 * Renders an Observable Plot chart server-side with linkedom and returns its markup: a bare
 * <svg> or, when Plot adds a legend, a <figure> holding HTML swatches and the <svg>. Every
 * <svg> gets its xmlns so the markup also stands alone as a file.
 */
import * as Plot from '@observablehq/plot';
import { parseHTML } from 'linkedom';

const SVG_NS = 'http://www.w3.org/2000/svg';

function newDocument(): Document {
  return parseHTML('<!DOCTYPE html><html><head></head><body></body></html>').document as unknown as Document;
}

function withNamespace(el: Element): string {
  const svgs = el.tagName.toLowerCase() === 'svg' ? [el] : Array.from(el.querySelectorAll('svg'));
  for (const svg of svgs) if (!svg.getAttribute('xmlns')) svg.setAttribute('xmlns', SVG_NS);
  return el.outerHTML;
}

/** Shared look: readable type size, white background, no network fonts. */
const STYLE = { fontSize: '12px', fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif', background: 'white', overflow: 'visible' };

/** x-axis label centred under the ticks (Plot's default puts it at the right end, where it can touch the last tick). */
export const X_LABEL = { labelAnchor: 'center', labelOffset: 36 } as const;

/** Left margin (px) that fits the longest of some y-axis labels at 12px, within [60, 340]. */
export function labelMargin(labels: string[]): number {
  const longest = Math.max(0, ...labels.map((l) => [...l].length));
  return Math.min(340, Math.max(60, Math.round(longest * 6.6) + 16));
}

/** A label cut to at most `max` characters, with an ellipsis. */
export function shorten(label: string, max = 48): string {
  const chars = [...label];
  return chars.length <= max ? label : `${chars.slice(0, max - 1).join('').trimEnd()}…`;
}

export function renderPlot(options: Plot.PlotOptions): string {
  const el = Plot.plot({ style: STYLE, marginBottom: 44, ...options, document: newDocument() });
  return withNamespace(el as unknown as Element);
}

/** A stand-alone colour legend (swatches). */
export function renderLegend(color: { domain: string[]; range: string[] }, label?: string): string {
  const el = Plot.legend({ color: { ...color, type: 'categorical', label, legend: 'swatches' }, style: { fontSize: '12px' }, document: newDocument() } as Plot.LegendScales & { document: Document });
  return withNamespace(el as unknown as Element);
}
