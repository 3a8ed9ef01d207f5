/**
 * The stress test's HTML section (src/finance/stress-section.ts) beyond the whole-section test
 * of finance-stress-words.test.ts, which blanks the charts (issue 17 item 4; written against the
 * survivors of its first mutation run): the words in both heatmaps (the Δ heatmap has no row
 * for the baseline; ⚑ and ? beside the differences), the ranking's cells for a strategy
 * preferred in every case, with two flips and a worst tail, a stress without a description,
 * the leaders' key figures in every state (no leader and no note, no runner-up, an established
 * tail leader), the tail note at 200 replications, and no Δ heatmap without a strategy to compare.
 * Fixture: tests/mutation/finance-stress-fixture.ts (strategies zero, the baseline, and spend).
 */
import { describe, expect, it } from 'vitest';
import { stressFixture } from './finance-stress-fixture.ts';
import { stressSectionHtml } from '../../src/finance/stress-section.ts';
import type { StressTest } from '../../src/finance/stress-test.ts';

/** The words of the section between two markers (tags and style blocks dropped). */
const words = (html: string, from: string, to: string) => {
  const seg = html.slice(html.indexOf(from), html.indexOf(to, html.indexOf(from)));
  return [...seg.matchAll(/>([^<>]+)</g)].map((m) => m[1].trim()).filter((w) => w && !w.startsWith(':where'));
};
const deltaWords = (html: string) => words(html, 'id="stress-delta-heatmap"', '<h3>Robustness ranking');
const expectedWords = (html: string) => words(html, 'id="stress-heatmap"', '<h3>Every cell');

describe('the heatmaps', () => {
  it('Δ vs the baseline: one row per other strategy, ⚑ for a clear flip, ? for a possible one, the axis in words', () => {
    const t = stressFixture();
    const possible: StressTest = { ...t, cells: t.cells.map((c) => (c.strategy === 'spend' && c.stress === 'shock-1' ? { ...c, flip: 'possible' as const } : c)) };
    const w = deltaWords(stressSectionHtml(possible));
    expect(w[0]).toBe('Net equity versus zero under each stress');
    expect(w).toContain('Δ net equity vs zero (USD)');
    expect(w.filter((x) => x === 'zero' || x === 'spend')).toEqual(['spend']);
    expect(w.slice(w.indexOf('spend'), w.indexOf('spend') + 7)).toEqual(['spend', 'Unstressed', 'slump', 'competitorLeap:core@12+0.1', '+20.0', '−10.0 ⚑', '+3.00 ?']);
  });

  it('expected net equity: every strategy and stress, the legend in words', () => {
    const w = expectedWords(stressSectionHtml(stressFixture()));
    expect(w).toContain('Expected net equity (USD)');
    expect(w.slice(w.indexOf('zero'))).toEqual(['zero', 'spend', 'Unstressed', 'slump', 'competitorLeap:core@12+0.1', '100', '80.0', '95.0', '120', '70.0', '98.0', 'Mean net equity of each strategy (rows) under each stress (columns), 4 replications per cell. Darker is better.']);
  });

  it('no strategy but the baseline: no Δ heatmap', () => {
    const t = stressFixture();
    const alone: StressTest = { ...t, cells: t.cells.filter((c) => c.strategy === 'zero') };
    const html = stressSectionHtml(alone);
    expect(html).not.toContain('stress-delta-heatmap');
    expect(html).toMatch(/<\/div>\n\n<h3>Robustness ranking<\/h3>/);
  });
});

describe('the ranking and the stresses', () => {
  it('a strategy preferred in every case, with two flips (one possible) and a worst tail; a stress without a description', () => {
    const t = stressFixture();
    const named: StressTest = {
      ...t,
      robustness: {
        ...t.robustness,
        rows: t.robustness.rows.map((r) => (r.strategy === 'spend' ? { ...r, maxRegret: { stress: 'none', mean: 0, ci95: null }, flips: [{ stress: 'slump', clear: true }, { stress: 'shock-1', clear: false }], worstTail: { stress: 'slump', cvar5: 61.5 } } : r)),
      },
    };
    const html = stressSectionHtml(named);
    expect(html).toContain('<td class="num">0<small>preferred in every case</small></td><td class="num">−10.0<small>slump</small></td><td class="">slump, competitorLeap:core@12+0.1 (?)</td><td class="num">61.5<small>slump</small></td>');
    expect(html).toContain('<tr><td class="">slump</td><td class="">—</td><td class="">every pool&#39;s wallet × 0.8 in months 6–17 (12 months, starting in year 1)</td></tr>');
  });
});

describe('the key figures', () => {
  const kpis = (t: StressTest) => {
    const html = stressSectionHtml(t);
    return html.slice(html.indexOf('<div class="kpis">'), html.indexOf('<h3>The stresses</h3>'));
  };
  it('no leader and no note; a leader without a runner-up, with and without a note; an established tail leader', () => {
    const t = stressFixture();
    const leaders = (ls: StressTest['robustness']['leaders']): StressTest => ({ ...t, robustness: { ...t.robustness, leaders: ls } });
    expect(kpis(leaders([
      { criterion: 'expected', strategy: 'spend', runnerUp: null, margin: null, established: null, note: 'only one strategy' },
      { criterion: 'minimaxRegret', strategy: 'spend', runnerUp: null, margin: null, established: null },
      { criterion: 'worstTail', strategy: null, runnerUp: null, margin: null, established: null },
    ]))).toBe(
      '<div class="kpis">\n' +
        '<div class="kpi"><small>Best expected value (unstressed)</small><b>spend</b><small>highest mean net equity when nothing goes wrong — only one strategy</small></div>\n' +
        '<div class="kpi"><small>Most robust (minimax regret)</small><b>spend</b><small>smallest largest shortfall against the best strategy of any stress case</small></div>\n' +
        '<div class="kpi"><small>Best worst-case tail</small><b>not named</b><small></small></div>\n' +
        '</div>\n',
    );
    const tail = kpis(leaders([...t.robustness.leaders.slice(0, 3), { criterion: 'worstTail', strategy: 'spend', runnerUp: 'zero', margin: null, established: true, tailMargin: { value: 2.5, ci95: [1, 6] } }]));
    expect(tail).toContain('<small>highest CVaR 5% under its own worst stress — ahead of zero (CVaR 5% +2.50, paired-bootstrap 95% CI [1.00, 6.00])</small>');
  });
});

describe('the notes', () => {
  it('with 200 replications the tail is reported in every cell', () => {
    const html = stressSectionHtml({ ...stressFixture(), replications: 200 });
    expect(html).toContain('<p>CVaR 5% (expected shortfall, the mean of the worst 5% of replications) is only reported with at least 10 replications in the tail (200 in all), with a bootstrap 95% interval; with 200 replications it is reported in every cell.</p>');
  });
});
