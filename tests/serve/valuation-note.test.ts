/**
 * The workshop page states its valuation assumptions under the headline table, and they are the
 * ones its workers actually used: the rule is read from the results, and the year ends are
 * valued by the quick approximation (the page's jobs do not ask for a run-off from every year
 * end), which the text says — and says how `cxsim compare` differs for the same file.
 */
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/serve/catalog.ts';
import { simulateReplication } from '../../src/engine/replication.ts';
import { replicationJobs, type RunRequest } from '../../src/web/protocol.ts';
import { viewOf } from '../../src/web/results.ts';
import { pageValuationText } from '../../src/web/valuation-note.ts';
import { valuationRuleText } from '../../src/report/valuation-text.ts';
import { pageHtml } from '../../src/serve/html.ts';

const [entry] = loadCatalog(['scenarios/workshop-101.yaml'], { bundled: false });
const sc = entry.scenario;
const ids = Object.keys(sc.strategies).slice(0, 2) as [string, string];

describe('the page’s valuation note', () => {
  const req: RunRequest = { type: 'run', runId: 1, scenario: { ...sc, meta: { ...sc.meta, replications: 2 } }, strategies: ids, stress: 'none', replications: [0, 1] };
  const pairs = req.replications.map((k) => replicationJobs(req, k).map((j) => simulateReplication(j)));
  const view = viewOf(req.scenario, ids, pairs.map((p) => p[0]), pairs.map((p) => p[1]));

  it('states the rule the workers actually used: year ends by the quick approximation, where compare uses the run-off', () => {
    expect(sc.valuation.beyondHorizon).toBe('runoff');
    expect(sc.valuation.yearEnds).toBe('runoff'); // the file's (default) setting, which `cxsim compare` uses
    expect(view.valuation.yearEnds).toBe('approximate'); // what the page's jobs computed
    for (const p of pairs) for (const r of p) expect(r.valuation).toEqual(view.valuation);
    const text = pageValuationText(view.valuation, view.horizonMonths, sc.valuation.yearEnds);
    expect(text.startsWith(valuationRuleText(view.valuation, sc.meta.horizonMonths))).toBe(true);
    expect(text).toContain(`the ${sc.meta.horizonMonths}-month horizon`);
    expect(text).toContain('valued by the closing perpetuity alone (approximate)');
    expect(text).toContain('Year ends on this page are valued by the quick approximation');
    expect(text).toContain('cxsim compare on this scenario values each year end by its own run-off');
  });

  it('follows the rule it is given, not a fixed sentence', () => {
    const full = pageValuationText({ ...view.valuation, yearEnds: 'runoff' }, 36, 'runoff');
    expect(full).toContain('valued by their own run-off');
    expect(full).not.toContain('approximation');
    const fileApprox = pageValuationText(view.valuation, 36, 'approximate');
    expect(fileApprox).toContain('cxsim compare does the same for this scenario');
    const none = pageValuationText({ ...view.valuation, beyondHorizon: 'none' }, 36, 'runoff');
    expect(none).toContain('horizon only');
    expect(none).not.toContain('year end');
  });

  it('has a place for it under the headline, and the equity chart points to it', async () => {
    const html = await pageHtml([entry], 'test');
    expect(html).toMatch(/<div id="headline"><\/div>\s*<p id="valuation" class="notes"><\/p>/);
    expect(html).toContain('how they are valued: the note under the table');
  });
});
