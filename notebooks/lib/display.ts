/**
 * Rich output for the cxsim notebooks (Deno Jupyter kernel).
 *
 * Observable Plot needs a DOM; on the server side linkedom provides one (`document`,
 * passed to every `Plot.plot({ ..., document })`). A chart, an HTML string or a Markdown
 * string is shown by returning `show(...)` as the last expression of a cell: the kernel
 * calls the object's `Symbol.for('Jupyter.display')` method and renders the MIME bundle.
 * That protocol is plain JavaScript, so the same cell also runs under `deno run`, `node`
 * or vitest, where `Deno.jupyter` does not exist.
 *
 * To show several things from one cell, `await display(...)`: inside the kernel it sends the
 * bundle at once (Deno.jupyter.display); elsewhere it only records it.
 *
 * The bundle is built when `show` is called, not when the kernel asks for it, so a chart
 * that fails to render fails its cell everywhere. When the headless notebook check runs
 * the notebook (notebooks/lib/notebook-runner.ts) it installs an array under
 * DISPLAY_LOG and every bundle is recorded there, so the check can assert what a
 * notebook showed.
 */
import { parseHTML } from 'linkedom';

/** A server-side DOM document for Observable Plot: `Plot.plot({ ..., document })`. */
export const document: Document = parseHTML('<!doctype html><html><head></head><body></body></html>').document as unknown as Document;

/** A Jupyter MIME bundle: MIME type → content. */
export type MimeBundle = Record<string, string>;

/** What `show` returns: an object the Jupyter kernel displays. */
export interface Displayable {
  /** The MIME bundle the kernel renders. */
  readonly bundle: MimeBundle;
}

/** The global key under which the headless notebook check collects displayed bundles. */
export const DISPLAY_LOG = Symbol.for('cxsim.notebook.displays');

const SVG_NS = 'http://www.w3.org/2000/svg';

/** A DOM node as produced by Plot (SVG element or HTML figure) or by linkedom. */
interface NodeLike {
  nodeName?: string;
  outerHTML?: string;
  getAttribute?(name: string): string | null;
  setAttribute?(name: string, value: string): void;
}

function isNode(x: unknown): x is NodeLike {
  return typeof x === 'object' && x !== null && typeof (x as NodeLike).outerHTML === 'string';
}

/** The MIME bundle of a Plot chart: a bare SVG (given its namespace) as image/svg+xml, a figure (chart with legend) as HTML. */
export function chartBundle(node: NodeLike): MimeBundle {
  const name = (node.nodeName ?? '').toLowerCase();
  if (name === 'svg') {
    if (!node.getAttribute?.('xmlns')) node.setAttribute?.('xmlns', SVG_NS);
    return { 'image/svg+xml': node.outerHTML!, 'text/plain': '[chart]' };
  }
  return { 'text/html': node.outerHTML!, 'text/plain': '[chart]' };
}

function record(bundle: MimeBundle): void {
  const log = (globalThis as Record<symbol, unknown>)[DISPLAY_LOG];
  if (Array.isArray(log)) log.push(bundle);
}

function displayable(bundle: MimeBundle): Displayable {
  record(bundle);
  return {
    bundle,
    [Symbol.for('Jupyter.display')]: () => bundle,
  };
}

/**
 * Show a Plot chart (or any DOM node), or an HTML/SVG string, in the notebook.
 * Return it as the last expression of a cell (or pass it to `display`).
 */
export function show(content: unknown): Displayable {
  if (isDisplayable(content)) return content;
  if (isNode(content)) return displayable(chartBundle(content));
  if (typeof content === 'string') return displayable({ 'text/html': content, 'text/plain': plainText(content) });
  throw new TypeError(`show() takes a chart (DOM node) or an HTML string, found ${content === null ? 'null' : typeof content}`);
}

function isDisplayable(x: unknown): x is Displayable {
  return typeof x === 'object' && x !== null && 'bundle' in x && Symbol.for('Jupyter.display') in x;
}

const plainText = (html: string) => html.replace(/<style[^]*?<\/style>/g, '').replace(/<[^>]*>/g, '').replace(/\s+/g, ' ').trim() || '[output]';

/** The kernel's display function, when running inside `deno jupyter` (accessing Deno.jupyter elsewhere throws). */
function kernelDisplay(): ((obj: unknown, options: { raw: boolean }) => Promise<void>) | undefined {
  try {
    const deno = (globalThis as { Deno?: { jupyter?: { display?: (obj: unknown, options: { raw: boolean }) => Promise<void> } } }).Deno;
    return deno?.jupyter?.display;
  } catch {
    return undefined;
  }
}

/**
 * Show something now (a chart, HTML, or what show/table/markdown return); a cell may call it
 * several times. Await it (`await display(...)`): the kernel sends the output asynchronously,
 * and an output still in flight when the cell finishes can be lost by the front end.
 */
export async function display(content: unknown): Promise<void> {
  const d = show(content);
  const send = kernelDisplay();
  if (send) await send(d.bundle, { raw: true });
}

/** Show Markdown text (rendered by the notebook front end). */
export function markdown(text: string): Displayable {
  return displayable({ 'text/markdown': text, 'text/plain': text });
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** Show rows of plain values as an HTML table (and aligned text for plain front ends). */
export function table(rows: Record<string, unknown>[], options: { digits?: number } = {}): Displayable {
  const digits = options.digits ?? 3;
  const columns = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const fmt = (v: unknown): string => {
    if (typeof v === 'number') return Number.isInteger(v) ? v.toLocaleString('en-US') : v.toLocaleString('en-US', { maximumSignificantDigits: digits + 2, maximumFractionDigits: digits });
    return v === undefined || v === null ? '' : String(v);
  };
  const cells = rows.map((r) => columns.map((c) => fmt(r[c])));
  const widths = columns.map((c, j) => Math.max(c.length, ...cells.map((row) => row[j].length)));
  const text = [columns.map((c, j) => c.padEnd(widths[j])).join('  '), ...cells.map((row) => row.map((v, j) => v.padStart(widths[j])).join('  '))].join('\n');
  const head = `<tr>${columns.map((c) => `<th>${escapeHtml(c)}</th>`).join('')}</tr>`;
  const body = cells.map((row) => `<tr>${row.map((v) => `<td style="text-align:right">${escapeHtml(v)}</td>`).join('')}</tr>`).join('');
  return displayable({ 'text/html': `<table>${head}${body}</table>`, 'text/plain': text });
}
