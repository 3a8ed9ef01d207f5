/**
 * Review of the workshop page (review-edges): every user string of a scenario file — the
 * scenario's name and description, names of strategies, pools, segments, levers, stresses and
 * competitors — is shown as text, never run as HTML or script, in a real browser (the page's
 * CSP allows inline script, so escaping is the only guard). Opened from file:// as the export is.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';
import { parse, stringify } from 'yaml';
import { loadCatalog } from '../../src/serve/catalog.ts';
import { pageHtml } from '../../src/serve/html.ts';
import { hasChromium, launch, type Browser } from '../serve/chromium.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const XSS = (k: string) => `<img src=x onerror="window.__xss='${k}'"></script><script>window.__xss='${k}-script'</script><!--`;

// CI (CXSIM_REQUIRE_CHROMIUM=1, set by .ci/run) fails here rather than skipping when the browser is missing
if (process.env.CXSIM_REQUIRE_CHROMIUM === '1' && !hasChromium()) throw new Error('CXSIM_REQUIRE_CHROMIUM=1 but /usr/bin/chromium is missing');
describe.skipIf(!hasChromium())('workshop page: scenario strings are text', () => {
  let browser: Browser;
  let tmp: string;
  beforeAll(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'cxsim-review-xss-'));
    browser = await launch();
  });
  afterAll(async () => {
    try {
      await browser?.close();
    } finally {
      rmSync(tmp, { recursive: true, force: true }); // also when closing the browser fails
    }
  });

  it('names and descriptions with <img onerror> and </script> run nothing and show literally', async () => {
    const input = parse(readFileSync(join(root, 'scenarios/workshop-101.yaml'), 'utf8'));
    input.meta.name = XSS('name');
    input.meta.description = XSS('description');
    for (const [kind, obj] of Object.entries({ pools: input.pools, segments: input.segments, levers: input.levers, strategies: input.strategies, competitors: input.competitors, stresses: input.stresses ?? {} })) {
      for (const [id, v] of Object.entries(obj as Record<string, { name?: string }>)) v.name = XSS(`${kind}.${id}`);
    }
    const file = join(tmp, 'xss.yaml');
    writeFileSync(file, stringify(input));
    const catalog = loadCatalog([file], { bundled: false });
    const html = join(tmp, 'index.html');
    writeFileSync(html, await pageHtml(catalog, 'test'));
    const page = await browser.context.newPage();
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto(pathToFileURL(html).href);
    await page.waitForFunction(() => document.getElementById('status')?.dataset.state === 'full', undefined, { timeout: 90_000 });
    expect(await page.evaluate(() => (window as unknown as { __xss?: string }).__xss)).toBeUndefined();
    expect(dialogs).toEqual([]);
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.locator('#description').textContent()).toBe(XSS('description'));
    expect(await page.locator('#scenario option').first().textContent()).toBe(XSS('name'));
    expect(await page.locator('#headline').textContent()).toContain(XSS(`strategies.${Object.keys(input.strategies)[1]}`));
    await page.close();
  }, 120_000);
});
