/**
 * The workshop page as one self-contained HTML document: the skeleton, the style, the data
 * (scenarios and the scenario JSON Schema), the page script and the worker script (as text,
 * started from a Blob). The server sends exactly this; `cxsim serve --export` writes it as
 * index.html. A Content-Security-Policy forbids any network access from the page.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { scenarioJsonSchema } from '../scenario/json-schema.ts';
import type { CatalogEntry } from './catalog.ts';
import { webBundle } from './bundle.ts';

/** No connections, no outside scripts, styles or fonts: the page runs on what it carries. */
export const CSP = "default-src 'none'; script-src 'unsafe-inline' blob:; worker-src blob:; style-src 'unsafe-inline'; img-src data: blob:; connect-src 'none'; base-uri 'none'; form-action 'none'";

/** Text safe inside a <script> element (no "</script", no "<!--"). */
export function scriptText(s: string): string {
  return s.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
}

/** JSON safe inside a <script> element: every "<" written as \u003c (only strings hold one). */
export function jsonScriptText(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export async function pageHtml(catalog: CatalogEntry[], version: string): Promise<string> {
  const { page, worker } = await webBundle();
  const css = readFileSync(fileURLToPath(new URL('../web/page.css', import.meta.url)), 'utf8');
  const data = { scenarios: catalog, schema: scenarioJsonSchema(), version };
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="${esc(CSP)}">
<title>cxsim workshop</title>
<style>${css}</style>
</head>
<body>
<header>
  <div class="title"><h1>cxsim workshop</h1><span id="scenario-file" class="file"></span><button id="presenter" type="button" aria-pressed="false">Presenter mode</button></div>
  <div class="bar">
    <label>Scenario <select id="scenario"></select></label>
    <label class="sA">A <select id="strategy-a"></select></label>
    <label class="sB">B <select id="strategy-b"></select></label>
    <label class="setting">Stress <select id="stress"></select></label>
    <label class="setting">Seed <input id="seed" type="number" min="0" step="1"></label>
    <label class="setting">Replications <input id="reps" type="number" min="2" step="1"></label>
  </div>
  <div class="bar actions">
    <button id="reset" type="button">Reset sliders</button>
    <button id="download" type="button">Download this scenario (YAML)</button>
    <button id="copy-link" type="button">Copy link</button>
    <input id="share-link" readonly aria-label="Link to these settings">
  </div>
  <p id="description"></p>
</header>
<main>
  <aside id="controls" aria-label="Assumptions and budgets"></aside>
  <section id="results">
    <div id="status" role="status" data-state="loading">Loading…</div>
    <div id="message" class="message" hidden></div>
    <div id="headline"></div>
    <p id="valuation" class="notes"></p>
    <div class="charts">
      <figure id="chart-equity"><figcaption><b>Net equity over time</b>, in today's money. Line: money in minus money out so far; band: where 90% of runs fall. Dots: net equity if valued at that year end (adds what the customers still with us are worth; how they are valued: the note under the table).</figcaption><div id="chart-equity-plot" class="plot"></div></figure>
      <figure id="chart-difference"><figcaption><b>B − A, run by run</b>: cumulative difference in net value, in today's money. Above zero, B is ahead. Break-even: the month after which B stays ahead (before any value beyond the horizon).</figcaption><div id="chart-difference-plot" class="plot"></div></figure>
      <figure id="chart-pools"><figcaption><b>Profit pools</b>, money per month. Grey: what the whole market spends in each pool. Lines: our revenue there; below, our share of that market.</figcaption><div id="chart-pools-plot" class="plot"></div></figure>
      <figure id="chart-chain"><figcaption><b>Service-profit chain</b>, levels from 0 to 1, with the band where 90% of runs fall. <span id="chain-note"></span></figcaption><div id="chart-chain-plot" class="plot"></div></figure>
    </div>
  </section>
</main>
<footer>cxsim ${esc(version)} — runs entirely in this browser; nothing is sent anywhere. Numbers: present values at month 0; bands are 90% of runs.</footer>
<script id="cxsim-data" type="application/json">${jsonScriptText(data)}</script>
<script id="cxsim-worker" type="text/plain">${scriptText(worker)}</script>
<script>${scriptText(page)}</script>
</body>
</html>
`;
}
