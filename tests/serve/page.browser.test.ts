/**
 * The workshop page in a real browser (headless Chromium through playwright-core): load it,
 * move a budget slider, wait for the redraw (the status element's run id and state, not a
 * sleep), check the direction of the change and that the numbers are those of the library
 * and of `cxsim compare` on the downloaded scenario with the same seed; the URL round trip;
 * presenter mode; the exported folder opened from file://; no console errors. Screenshots go
 * to out/screenshots/serve/ (gitignored) for people to look at.
 *
 * Skipped when /usr/bin/chromium is missing, unless CXSIM_REQUIRE_CHROMIUM=1 (set by .ci/run
 * once it has installed chromium), which makes a missing browser a failure.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { loadCatalog } from '../../src/serve/catalog.ts';
import { pageHtml } from '../../src/serve/html.ts';
import { startServer, type WorkshopServer } from '../../src/serve/server.ts';
import { exportFolder } from '../../src/serve/export.ts';
import { parseScenarioText } from '../../src/scenario/load.ts';
import { simulate } from '../../src/engine/simulate.ts';
import { pageValuationText } from '../../src/web/valuation-note.ts';
import type { ValuationRule } from '../../src/engine/result.ts';
import { hasChromium, launch, type Browser } from './chromium.ts';

const required = process.env.CXSIM_REQUIRE_CHROMIUM === '1';
const SHOTS = join('out', 'screenshots', 'serve');
const BUDGET_B = 'input[data-control="strategies.build-online.budget.perYear"]';

if (required && !hasChromium()) throw new Error('CXSIM_REQUIRE_CHROMIUM=1 but /usr/bin/chromium is missing');

describe.skipIf(!hasChromium())('workshop page in headless Chromium', () => {
  let server: WorkshopServer;
  let browser: Browser;
  let page: Page;
  let tmp: string;
  const errors: string[] = [];

  const watch = (p: Page) => {
    p.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') errors.push(`${m.type()}: ${m.text()}`);
    });
    p.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  };
  const runOf = (p: Page) => p.locator('#status').evaluate((e) => Number((e as HTMLElement).dataset.run ?? 0));
  /** Waits until the run after `after` has reached full precision. */
  const full = (p: Page, after = 0) =>
    p.waitForFunction((n) => {
      const s = document.getElementById('status')!;
      return s.dataset.state === 'full' && Number(s.dataset.run) > n;
    }, after, { timeout: 60_000 });
  const value = (p: Page, key: string) => p.locator(`#headline td[data-key="${key}"]`).evaluate((e) => Number((e as HTMLElement).dataset.value));
  const headline = (p: Page) =>
    p.locator('#headline td[data-key]').evaluateAll((cells) => Object.fromEntries(cells.map((c) => [(c as HTMLElement).dataset.key, (c as HTMLElement).dataset.value])));

  beforeAll(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'cxsim-serve-test-'));
    mkdirSync(SHOTS, { recursive: true });
    const catalog = loadCatalog(['scenarios/workshop-101.yaml'], { bundled: false });
    server = await startServer(await pageHtml(catalog, 'test'), '127.0.0.1', 0);
    browser = await launch();
    page = await browser.context.newPage();
    watch(page);
  });
  afterAll(async () => {
    try {
      await browser?.close();
      await server?.close();
    } finally {
      rmSync(tmp, { recursive: true, force: true }); // also when closing the browser or the server fails
    }
  });

  let before: Record<string, string>;
  let after: Record<string, string>;
  let link = '';

  it('loads, runs the scenario in the worker and draws every chart', async () => {
    await page.goto(server.url);
    await full(page);
    for (const id of ['chart-equity-plot', 'chart-difference-plot', 'chart-pools-plot', 'chart-chain-plot']) {
      expect(await page.locator(`#${id} svg`).count(), id).toBeGreaterThan(0);
    }
    expect(await page.locator('input[type=range]').count()).toBeGreaterThanOrEqual(8);
    before = await headline(page);
    await page.screenshot({ path: join(SHOTS, 'workshop-101.png'), fullPage: true });
  });

  it('moving B’s budget slider re-runs and moves the numbers the expected way', async () => {
    const run = await runOf(page);
    await page.locator(BUDGET_B).fill('24000');
    await full(page, run);
    after = await headline(page);
    // twice the budget: more CX spend, a larger share of the online pool (more readiness), all in B only
    expect(Number(after['B.cxSpend'])).toBeGreaterThan(1.9 * Number(before['B.cxSpend']));
    expect(Number(after['B.share.online'])).toBeGreaterThan(Number(before['B.share.online']));
    expect(after['A.netEquity']).toBe(before['A.netEquity']);
    expect(after['B.netEquity']).not.toBe(before['B.netEquity']);
    link = page.url();
    expect(link).toContain('v.strategies.build-online.budget.perYear=24000');
  });

  it('shows the numbers of the library and of `cxsim compare` on the downloaded scenario, same seed', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download')]);
    const file = join(tmp, 'edited.yaml');
    await download.saveAs(file);
    const text = readFileSync(file, 'utf8');
    expect(text).toMatch(/perYear: 24000/);
    // the CLI accepts it
    execFileSync(process.execPath, ['bin/cxsim.js', 'validate', file], { stdio: 'pipe' });
    // replication by replication, the library gives the page's numbers (same engine, same seeds; tolerance: 1e-9 relative, for any libm difference between V8 builds)
    const loaded = parseScenarioText(text, file);
    if (!loaded.ok) throw new Error('downloaded scenario does not load');
    const view = (await page.evaluate(() => (window as any).cxsim.view())) as { strategies: { id: string; netEquityByReplication: number[] }[] };
    for (const s of view.strategies) {
      const lib = simulate(loaded.scenario, s.id).map((r) => r.totals.netEquity);
      expect(s.netEquityByReplication.length).toBe(lib.length);
      s.netEquityByReplication.forEach((x, k) => expect(Math.abs(x - lib[k])).toBeLessThanOrEqual(1e-9 * Math.abs(lib[k])));
    }
    // and the CLI's comparison has the same means
    const out = join(tmp, 'compare');
    const summary = JSON.parse(execFileSync(process.execPath, ['bin/cxsim.js', 'compare', file, '--no-attribution', '--threads', '1', '--format', 'json', '--out', out], { encoding: 'utf8' }));
    for (const tag of ['A', 'B'] as const) {
      const id = tag === 'A' ? 'fix-the-counter' : 'build-online';
      const cli = summary.headline.find((h: { strategy: string }) => h.strategy === id).totals.netEquity.mean;
      expect(Math.abs(Number(after[`${tag}.netEquity`]) - cli)).toBeLessThanOrEqual(1e-9 * Math.abs(cli));
    }
  });

  it('states its valuation under the headline: the rule its workers used, year ends by the quick approximation', async () => {
    const view = (await page.evaluate(() => (window as any).cxsim.view())) as { valuation: ValuationRule; horizonMonths: number };
    expect(view.valuation.yearEnds).toBe('approximate');
    const text = await page.locator('#valuation').textContent();
    expect(text).toBe(pageValuationText(view.valuation, view.horizonMonths, 'runoff'));
    expect(text).toContain('Year ends on this page are valued by the quick approximation');
    await page.locator('#valuation').screenshot({ path: join(SHOTS, 'valuation-note.png') });
  });

  it('a slider moved again before the run ends cancels the stale run: the page ends on the last value', async () => {
    const run = await runOf(page);
    await page.locator(BUDGET_B).fill('6000');
    await page.locator(BUDGET_B).fill('24000');
    await full(page, run);
    expect(await headline(page)).toEqual(after);
  });

  it('a copied link reproduces the same numbers and sliders in a fresh page', async () => {
    const fresh = await browser.context.newPage();
    watch(fresh);
    await fresh.goto(link);
    await full(fresh);
    expect(await headline(fresh)).toEqual(after);
    expect(await fresh.locator(BUDGET_B).inputValue()).toBe('24000');
    // presenter mode: large type, state kept in the link
    await fresh.click('#presenter');
    await fresh.waitForFunction(() => document.documentElement.classList.contains('presenter'));
    expect(fresh.url()).toContain('presenter=1');
    const big = await fresh.locator('#headline td.big').first().evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
    const slider = await fresh.locator('.control label').first().evaluate((e) => parseFloat(getComputedStyle(e).fontSize));
    expect(big).toBeGreaterThanOrEqual(28);
    expect(slider).toBeGreaterThanOrEqual(18);
    await fresh.setViewportSize({ width: 1280, height: 720 });
    await fresh.screenshot({ path: join(SHOTS, 'workshop-101-presenter-1280x720.png') });
    await fresh.screenshot({ path: join(SHOTS, 'workshop-101-presenter.png'), fullPage: true });
    await fresh.close();
  });

  it('the exported folder works from file:// with the same numbers (classic worker from a Blob)', async () => {
    const dir = join(tmp, 'export');
    const catalog = loadCatalog(['scenarios/workshop-101.yaml'], { bundled: false });
    exportFolder(dir, await pageHtml(catalog, 'test'), catalog, false);
    const offline = await browser.context.newPage();
    watch(offline);
    const requests: string[] = [];
    offline.on('request', (r) => requests.push(r.url()));
    await offline.goto(`${pathToFileURL(join(dir, 'index.html')).href}#${link.split('#')[1]}`);
    await full(offline);
    expect(await headline(offline)).toEqual(after);
    // nothing but the file itself and the worker's blob was fetched
    expect(requests.filter((u) => !u.startsWith('file://') && !u.startsWith('blob:'))).toEqual([]);
    await offline.screenshot({ path: join(SHOTS, 'workshop-101-file.png'), fullPage: true });
    await offline.close();
  });

  it('refuses a run too large for the page with a clear message', async () => {
    const run = await runOf(page);
    await page.fill('#reps', '150');
    await page.dispatchEvent('#reps', 'change');
    await page.waitForFunction((n) => Number(document.getElementById('status')!.dataset.run) > n && document.getElementById('status')!.dataset.state !== 'running', run);
    // 150 replications of workshop-101 fit (~1.9k customers × 36 steps × 150 × 2); the page says which limit applies when not
    const state = await page.locator('#status').evaluate((e) => (e as HTMLElement).dataset.state);
    expect(['partial', 'full', 'refused']).toContain(state);
    // 150 may itself have been refused (on a slow machine the page scales less), so wait for a newer run's state, not any 'refused'
    const before = await runOf(page);
    await page.fill('#reps', '100000');
    await page.dispatchEvent('#reps', 'change');
    await page.waitForFunction((n) => Number(document.getElementById('status')!.dataset.run) > n && document.getElementById('status')!.dataset.state === 'refused', before);
    expect(await page.locator('#message').textContent()).toMatch(/from 2 to 200/);
  });

  it('logged no console errors or warnings', () => {
    expect(errors).toEqual([]);
  });
});
