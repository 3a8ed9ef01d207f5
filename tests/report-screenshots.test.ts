/**
 * The compare report as a reader sees it: report.html rendered by headless Chromium
 * (playwright-core driving the Debian `chromium` package), with every text element checked
 * to fit its box (tests/support/text-overflow.ts) — cut-off lever names, legends or axis
 * labels fail here. Rendered for the workshop scenario as written and for the small fixture
 * with long display names (the kind real scenarios have). A page with a label pushed off
 * its chart on purpose must be caught, so the check itself can fail.
 *
 * Screenshots go to a temporary folder that is removed afterwards; set
 * CXSIM_SCREENSHOT_DIR=<folder> to keep them and look at them. Without Chromium
 * (/usr/bin/chromium or $CXSIM_CHROMIUM) the tests are skipped unless CXSIM_REQUIRE_CHROMIUM=1
 * (.ci/run installs chromium and sets it).
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { readScenario } from '../src/cli/scenario-file.ts';
import { planComparison } from '../src/cli/commands/compare.ts';
import { simulateReplication } from '../src/engine/replication.ts';
import { compareStrategies } from '../src/metrics/comparison.ts';
import { reportHtml } from '../src/report/html.ts';
import type { Scenario } from '../src/scenario/schema.ts';
import { findTextOverflows, type Overflow } from './support/text-overflow.ts';

const CHROMIUM = process.env.CXSIM_CHROMIUM ?? '/usr/bin/chromium';
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium && process.env.CXSIM_REQUIRE_CHROMIUM === '1') throw new Error(`CXSIM_REQUIRE_CHROMIUM=1 but ${CHROMIUM} does not exist (apt-get install -y chromium)`);

/** The report of a scenario: every strategy, `replications` replications, attribution included. */
function report(scenario: Scenario, replications: number): string {
  const sc = { ...scenario, meta: { ...scenario.meta, replications } };
  const strategies = Object.keys(sc.strategies);
  const plan = planComparison(sc, strategies, true);
  const all = plan.jobs.map((job) => simulateReplication(job));
  const attributionRuns = plan.coalitions.map((l) => ({ strategy: l.strategy, levers: l.levers, results: all.slice(l.from, l.to) }));
  const comparison = compareStrategies({ scenario: sc, results: all.slice(0, plan.mainJobs), strategies, attributionRuns, attributionLevers: plan.levers });
  return reportHtml({ comparison, scenario: sc, command: 'cxsim compare …' });
}

/** The small fixture with display names as long as real ones. */
function longNames(sc: Scenario): Scenario {
  const rename = <T extends { name?: string }>(m: Record<string, T>, names: string[]) =>
    Object.fromEntries(Object.entries(m).map(([id, v], i) => [id, { ...v, name: names[i % names.length] }]));
  return {
    ...sc,
    pools: rename(sc.pools, ['Film, prints and the photo counter', 'Digital memories: albums, photobooks and online prints']),
    segments: rename(sc.segments, ['Families with young children', 'Photo enthusiasts and semi-professionals']),
    levers: rename(sc.levers, ['Faster service at the shop counter and kiosks', 'Digital readiness: upload, albums and photobook tools', 'Front-line staff support and coaching programme']),
    strategies: rename(sc.strategies, ['Optimise today’s film and print journeys', 'Design for the future digital memories pool', 'No CX budget at all (cost-cutting case)']),
  };
}

let browser: Browser | undefined;
let dir = '';
const keep = process.env.CXSIM_SCREENSHOT_DIR;

beforeAll(async () => {
  if (!haveChromium) return;
  dir = keep ? resolve(keep) : mkdtempSync(join(tmpdir(), 'cxsim-screens-'));
  mkdirSync(dir, { recursive: true });
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage', '--disable-background-networking'] });
});

afterAll(async () => {
  try {
    await browser?.close();
  } finally {
    if (dir && !keep) rmSync(dir, { recursive: true, force: true }); // also when closing the browser fails
  }
});

/** Renders `html` at a laptop width, saves a full-page screenshot, and returns the overflowing text. */
async function overflowsOf(name: string, html: string, width = 1280): Promise<Overflow[]> {
  const file = join(dir, `${name}.html`);
  writeFileSync(file, html);
  const page = await browser!.newPage({ viewport: { width, height: 900 } });
  try {
    await page.goto(pathToFileURL(file).href);
    await page.screenshot({ path: join(dir, `${name}.png`), fullPage: true });
    // one picture per chart too: a full page is too tall to read at screen size
    for (const id of await page.locator('section[id]').evaluateAll((els) => els.map((e) => e.id))) {
      await page.locator(`section[id="${id}"]`).screenshot({ path: join(dir, `${name}-${id}.png`) });
    }
    return await page.evaluate(findTextOverflows);
  } finally {
    await page.close();
  }
}

describe.skipIf(!haveChromium)('report screenshots: no text overflows its box', () => {
  test('the check catches a label pushed off its chart, an ellipsis and an overflowing cell', async () => {
    const html = `<!DOCTYPE html><html><body><section id="bad">
      <svg width="200" height="100" viewBox="0 0 200 100"><text x="-40" y="50">Digital readiness</text><text x="10" y="20">Short…</text><text x="10" y="80">fits</text></svg>
      <div style="width:60px;white-space:nowrap">a cell whose text is far too long</div></section></body></html>`;
    const found = await overflowsOf('negative-control', html);
    expect(found.map((f) => f.text)).toEqual(expect.arrayContaining(['Digital readiness', 'Short…', 'a cell whose text is far too long']));
    expect(found.map((f) => f.text)).not.toContain('fits');
  });

  const pages = new Map<string, Promise<Overflow[]>>();
  const overflowsFor = (name: 'workshop-101' | 'long-names') => {
    if (!pages.has(name)) {
      const html = name === 'workshop-101' ? report(readScenario('scenarios/workshop-101.yaml'), 4) : report(longNames(readScenario('tests/fixtures/compare/small.yaml')), 3);
      pages.set(name, overflowsOf(name, html));
    }
    return pages.get(name)!;
  };
  test('workshop-101 as written', async () => {
    expect(await overflowsFor('workshop-101')).toEqual([]);
  });

  test('long strategy, lever, pool and segment names (small fixture)', async () => {
    expect(await overflowsFor('long-names')).toEqual([]);
  });
});
