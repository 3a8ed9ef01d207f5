/**
 * Measures the workshop page's update times in headless Chromium, for every bundled scenario:
 * after the page has loaded and run once, B's budget slider is moved three times (to 150%,
 * 75% and 125% of the file's value); each time the page records, with performance.now(), the
 * time from the slider's input event to the first pass drawn (firstMs) and to full precision
 * drawn (fullMs). Prints the medians. A script, not a test: timings depend on the machine.
 *
 *   node bin/run-ts.js scripts/workshop-timing.ts [scenario-id ...]
 */
import { loadCatalog } from '../src/serve/catalog.ts';
import { pageHtml } from '../src/serve/html.ts';
import { startServer } from '../src/serve/server.ts';
import { pageAgentScale, planRun } from '../src/web/run-plan.ts';
import { launch } from '../tests/serve/chromium.ts';
import { simulate } from '../src/engine/simulate.ts';
import { availableParallelism, loadavg } from 'node:os';

const only = process.argv.slice(2);
const catalog = loadCatalog([]);
const server = await startServer(await pageHtml(catalog, 'timing'), '127.0.0.1', 0);
const browser = await launch();
const median = (xs: number[]) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const rows: string[] = [];
try {
  for (const e of catalog) {
    if (only.length > 0 && !only.includes(e.id)) continue;
    const page = await browser.context.newPage();
    await page.goto(`${server.url}#scenario=${e.id}`);
    const full = (after: number) =>
      page.waitForFunction((n) => {
        const s = document.getElementById('status')!;
        return (s.dataset.state === 'full' || s.dataset.state === 'error' || s.dataset.state === 'refused') && Number(s.dataset.run) > n;
      }, after, { timeout: 120_000 });
    await full(0);
    const b = await page.evaluate(() => (window as any).cxsim.state().b as string);
    const slider = page.locator(`input[data-control="strategies.${b}.budget.perYear"]`).first();
    const base = Number(await slider.inputValue());
    const first: number[] = [];
    const fullMs: number[] = [];
    for (const k of [1.5, 0.75, 1.25]) {
      const run = await page.locator('#status').evaluate((s) => Number((s as HTMLElement).dataset.run));
      await slider.fill(String(base * k));
      await full(run);
      const d = await page.locator('#status').evaluate((s) => ({ ...(s as HTMLElement).dataset }));
      if (d.state !== 'full') throw new Error(`${e.id}: ${d.state}: ${await page.locator('#message').textContent()}`);
      first.push(Number(d.firstMs));
      fullMs.push(Number(d.fullMs));
    }
    const plan = planRun(e.scenario, e.scenario.meta.replications, pageAgentScale(e.scenario));
    rows.push(
      `| ${e.id} | ${plan.replications} | ${plan.fileAgentScale}${plan.pageAgentScale !== plan.fileAgentScale ? ` → ${plan.pageAgentScale}` : ''} | ${(plan.customerSteps / 1e6).toFixed(1)} M | ${median(first)} ms | ${median(fullMs)} ms |`,
    );
    process.stderr.write(`${e.id}: first ${first.join(', ')} ms; full ${fullMs.join(', ')} ms\n`);
    await page.close();
  }
} finally {
  await browser.close();
  await server.close();
}
// reference in the same run (the machine's load varies): the full update of workshop-101 in Node, one thread
const w = catalog.find((e) => e.id === 'workshop-101');
let reference = '';
if (w) {
  const ids = Object.keys(w.scenario.strategies).slice(0, 2);
  const times: number[] = [];
  for (let k = 0; k < 3; k++) {
    const t0 = performance.now();
    for (const id of ids) simulate(w.scenario, id);
    times.push(performance.now() - t0);
  }
  reference = `\nReference, same run: workshop-101's full update (${w.scenario.meta.replications} replications × 2 strategies) in Node, one thread, no page: ${median(times).toFixed(0)} ms (median of 3). Load average: ${loadavg().map((x) => x.toFixed(1)).join(', ')} on ${availableParallelism()} cores.\n`;
}
process.stdout.write(
  ['| scenario | replications | agent scale (file → page) | customer-steps per full update | first pass drawn (median of 3) | full precision drawn (median of 3) |', '|---|---|---|---|---|---|', ...rows].join('\n') + '\n' + reference,
);
