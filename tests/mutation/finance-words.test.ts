/**
 * What the finance commands print about their inputs, pinned exactly (issue 17: numbers and
 * words, not shapes; written against the surviving mutants of `npm run mutation -- --folder
 * finance`): a stress shock in words with its timing, dotted parameter paths, amounts as
 * typed on a command line.
 */
import { describe, expect, it } from 'vitest';
import { describeShock, describeShocks, firstShockMonth } from '../../src/finance/shock-description.ts';
import { splitPath, getAtPath, existingPrefix, setAtPath } from '../../src/finance/scenario-path.ts';
import { parseAmount, parseNumber } from '../../src/finance/amount.ts';
import type { StressShock } from '../../src/scenario/schema.ts';
import { textTable } from '../../src/finance/text-table.ts';
import { parseSweepParam, sweepCells, parseShard, cellsOfShard } from '../../src/finance/sweep-grid.ts';
import { financePage, htmlTable, chartBlock, paragraph, notes, warnings } from '../../src/finance/report-page.ts';

describe('a stress shock in words, with when it strikes', () => {
  it.each<[StressShock, string]>([
    [{ kind: 'budgetCut', fromMonth: 24, cut: 0.255 }, "every lever's spend cut by 25.5% from month 24 (year 3) on"],
    [{ kind: 'budgetCut', fromMonth: 12, toMonth: 18, cut: 0.5 }, "every lever's spend cut by 50% in months 12–17 (6 months, starting in year 2)"],
    [{ kind: 'budgetCut', fromMonth: 0, cut: { dist: 'uniform', min: 0.1, max: 0.3 } as never }, "every lever's spend cut by an uncertain share from month 0 (year 1) on"],
    [{ kind: 'poolCollapse', pool: 'film', month: 11, factor: 0.6 }, "the film pool's wallet × 0.6 from month 11 (year 1) on"],
    [{ kind: 'poolCollapse', pool: 'film', month: 36, factor: { dist: 'uniform', min: 0.4, max: 0.8 } as never }, "the film pool's wallet × an uncertain factor from month 36 (year 4) on"],
    [{ kind: 'competitorLeap', pool: 'digital', month: 6, increase: 0.1 }, "every competitor's experience in the digital pool +0.1 from month 6 (year 1) on"],
    [{ kind: 'competitorLeap', pool: 'digital', month: 6, increase: 0 }, "every competitor's experience in the digital pool +0 from month 6 (year 1) on"],
    [{ kind: 'competitorLeap', pool: 'digital', month: 6, increase: -0.05 }, "every competitor's experience in the digital pool -0.05 from month 6 (year 1) on"],
    [{ kind: 'competitorLeap', pool: 'digital', month: 6, increase: { dist: 'uniform', min: 0, max: 0.2 } as never }, "every competitor's experience in the digital pool +an uncertain amount from month 6 (year 1) on"],
    [{ kind: 'recession', fromMonth: 12, walletFactor: 0.85 }, "every pool's wallet × 0.85 from month 12 (year 2) on"],
    [{ kind: 'recession', fromMonth: 12, toMonth: 30, walletFactor: 0.85 }, "every pool's wallet × 0.85 in months 12–29 (18 months, starting in year 2)"],
    [{ kind: 'attritionSpike', target: 'customers', fromMonth: 3, toMonth: 9, multiplier: 1.5 }, 'customer churn hazard × 1.5 in months 3–8 (6 months, starting in year 1)'],
    [{ kind: 'attritionSpike', target: 'employees', fromMonth: 3, toMonth: 9, multiplier: 2 }, 'employee turnover × 2 in months 3–8 (6 months, starting in year 1)'],
  ])('%o', (shock, words) => expect(describeShock(shock)).toBe(words));

  it('every shock of a stress joined by "; ", and the first month any of them strikes', () => {
    const shocks: StressShock[] = [
      { kind: 'recession', fromMonth: 12, walletFactor: 0.9 },
      { kind: 'poolCollapse', pool: 'film', month: 7, factor: 0.5 },
    ];
    expect(describeShocks(shocks)).toBe("every pool's wallet × 0.9 from month 12 (year 2) on; the film pool's wallet × 0.5 from month 7 (year 1) on");
    expect(firstShockMonth(shocks)).toBe(7);
    expect(firstShockMonth([shocks[0]])).toBe(12);
    expect(firstShockMonth([])).toBeNull();
  });
});

describe('dotted parameter paths', () => {
  const root = { pools: { digital: { bass: { q: 0.38 } } }, rules: [{ when: { above: 0.7 } }, { move: 2 }], zero: 0, nothing: null };
  it('split at dots and [i]; empty steps dropped', () => {
    expect(splitPath('rules[0].when.above')).toEqual(['rules', '0', 'when', 'above']);
    expect(splitPath('.a..b.')).toEqual(['a', 'b']);
    expect(splitPath('a[12][3]')).toEqual(['a', '12', '3']);
  });
  it('read a value, undefined when a step is missing or not an object', () => {
    expect(getAtPath(root, 'pools.digital.bass.q')).toBe(0.38);
    expect(getAtPath(root, 'rules.1.move')).toBe(2);
    expect(getAtPath(root, 'rules[0].when.above')).toBe(0.7);
    expect(getAtPath(root, 'pools.film.bass')).toBeUndefined();
    expect(getAtPath(root, 'zero.x')).toBeUndefined();
    expect(getAtPath(root, 'nothing.x')).toBeUndefined();
  });
  it('the longest existing prefix of a path', () => {
    expect(existingPrefix(root, 'pools.digital.bas.q')).toBe('pools.digital');
    expect(existingPrefix(root, 'pools.digital.bass.q')).toBe('pools.digital.bass.q');
    expect(existingPrefix(root, 'pool')).toBe('');
    expect(existingPrefix(root, 'zero.x')).toBe('zero');
    expect(existingPrefix(root, 'nothing.x')).toBe('nothing');
  });
  it('set a value copy-on-write: the original is untouched, siblings shared, arrays stay arrays', () => {
    const out = setAtPath(root, 'rules[0].when.above', 0.8);
    expect(out.rules[0].when!.above).toBe(0.8);
    expect(root.rules[0].when!.above).toBe(0.7);
    expect(Array.isArray(out.rules)).toBe(true);
    expect(out.rules[1]).toBe(root.rules[1]);
    expect(out.pools).toBe(root.pools);
    expect(setAtPath(root, 'pools.digital.bass.p', 0.01).pools.digital.bass).toEqual({ q: 0.38, p: 0.01 });
  });
  it('refuses an empty path and a missing intermediate step (a typo must not create a branch)', () => {
    expect(() => setAtPath(root, '', 1)).toThrow('setAtPath: empty path');
    expect(() => setAtPath(root, 'pools.film.bass.q', 1)).toThrow('no pools.film to set pools.film.bass.q in');
    expect(() => setAtPath(root, 'zero.x', 1)).toThrow('no zero to set zero.x in');
    expect(() => setAtPath(root, 'nothing.x', 1)).toThrow('no nothing to set nothing.x in');
  });
});

describe('amounts as typed on a command line', () => {
  it.each([
    ['3000000', 3e6], ['3e6', 3e6], ['3E+6', 3e6], ['+2.5', 2.5], ['-.5', -0.5], ['7.', 7], [' 42 ', 42],
  ])('number %j = %d', (t, x) => expect(parseNumber(t)).toBe(x));
  it.each(['1e999', '3,5', 'e5', '.', '1.2.3', '--1', '1e', 'Infinity', 'NaN'])('not a number: %j', (t) => expect(parseNumber(t)).toBeNull());
  it.each([
    ['500k', 5e5], ['500K', 5e5], ['2.5m', 2.5e6], ['3M', 3e6], ['1.2bn', 1.2e9], ['1.2BN', 1.2e9], ['1.2Bn', 1.2e9], ['2b', 2e9], ['2B', 2e9], ['-20M', -2e7], [' 4k ', 4e3], ['12', 12],
  ])('amount %j = %d', (t, x) => expect(parseAmount(t)).toBeCloseTo(x, 6));
  it.each(['k', 'xk', '1e999k', '3MM', '1.2.3M'])('not an amount: %j', (t) => expect(parseAmount(t)).toBeNull());
});

describe('terminal tables', () => {
  it('columns as wide as their widest cell, numbers right-aligned, a rule under the header, trailing spaces trimmed', () => {
    const t = textTable(['strategy', 'net equity'], [['baseline', '1.2M'], ['cx-first', '10.5M'], ['x', '']]);
    expect(t).toBe(['strategy  net equity', '────────  ──────────', 'baseline        1.2M', 'cx-first       10.5M', 'x'].join('\n') + '\n');
  });
  it('widths count characters, not UTF-16 units; alignment chosen per column', () => {
    const t = textTable(['a', 'b'], [['€𝟙', 'x'], ['yy', 'zzz']], (c) => c === 0);
    expect(t).toBe([' a  b', '──  ───', '€𝟙  x', 'yy  zzz'].join('\n') + '\n');
  });
  it('a short cell in a left-aligned column is padded on its right', () => {
    expect(textTable(['name', 'n'], [['ab', '1']])).toBe('name  n\n────  ─\nab    1\n');
  });
  it('a row shorter than the header is padded as empty cells', () => {
    expect(textTable(['a', 'b'], [['1']])).toBe('a  b\n─  ─\n1\n');
  });
});

describe('finance HTML pieces', () => {
  it('a table: header notes and numeric columns, cells with a second line, classes joined, text escaped', () => {
    const html = htmlTable(['name', { text: 'value', note: '95% CI', num: true }], [['a<b', { text: '1.0M', sub: '[0.9M, 1.1M]', num: true, cls: 'best' }], [{ text: 'c', cls: 'neg' }, { text: '2' }]]);
    expect(html).toBe(
      '<div class="headline-wrap"><table class="finance"><thead><tr><th class="">name</th><th class="num">value<small>95% CI</small></th></tr></thead>' +
        '<tbody><tr><td class="">a&lt;b</td><td class="num best">1.0M<small>[0.9M, 1.1M]</small></td></tr><tr><td class="neg">c</td><td class="">2</td></tr></tbody></table></div>',
    );
  });
  it('a chart block with its caption, or "Not shown." without a chart; paragraphs, notes and warnings escaped', () => {
    expect(chartBlock('t&1', 'Tornado', '<svg></svg>', 'a "caption"')).toBe('<section class="chart" id="t&amp;1"><h3>Tornado</h3><svg></svg><p class="caption">a &quot;caption&quot;</p></section>');
    expect(chartBlock('x', 'X', null, 'c')).toBe('<section class="chart" id="x"><h3>X</h3><p class="not-shown">Not shown.</p><p class="caption">c</p></section>');
    expect(paragraph('1 < 2')).toBe('<p>1 &lt; 2</p>');
    expect(notes(['a', 'b&c'])).toBe('<div class="notes"><p>a</p><p>b&amp;c</p></div>');
    expect(warnings(['w1', 'w<2'])).toBe('<p class="warning">w1</p>\n<p class="warning">w&lt;2</p>');
  });
  it('the page: title, lede, meta joined by " · " without empty items, sections, the command to reproduce, files', () => {
    const html = financePage({ title: 'Stress <test>', lede: 'Lede & more', meta: ['a', '', 'b'], sections: ['<section>1</section>', '<section>2</section>'], command: 'cxsim stress x.yaml', files: 'Files: a.csv.' });
    expect(html).toContain('<title>Stress &lt;test&gt;</title>');
    expect(html).toContain('<h1>Stress &lt;test&gt;</h1>\n<p class="lede">Lede &amp; more</p>\n<p class="meta">a · b</p>');
    expect(html).toContain('<section>1</section>\n<section>2</section>');
    expect(html).toContain('<p>Reproduce: <code>cxsim stress x.yaml</code></p>');
    expect(html).toContain('<p>Generated by cxsim. Files: a.csv. Methods: docs/finance.md.</p>');
    expect(html).toContain('table.finance td.best { font-weight: 700; }');
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="en">')).toBe(true);
    const bare = financePage({ title: 'T', meta: [], sections: [] });
    expect(bare).not.toContain('class="lede"');
    expect(bare).not.toContain('Reproduce');
    expect(bare).toContain('<p>Generated by cxsim.  Methods: docs/finance.md.</p>');
  });
});

describe('a sweep grid', () => {
  it('a list with suffixes, a FROM:TO:COUNT range with both ends exact', () => {
    expect(parseSweepParam('strategies.b.budget.perYear = 1M, 3M,5.5M')).toEqual({ path: 'strategies.b.budget.perYear', values: [1e6, 3e6, 5.5e6] });
    const r = parseSweepParam('pools.d.bass.q=0.3:0.7:5') as { path: string; values: number[] };
    expect(r.path).toBe('pools.d.bass.q');
    [0.3, 0.4, 0.5, 0.6, 0.7].forEach((v, i) => expect(r.values[i]).toBeCloseTo(v, 14));
    expect([r.values[0], r.values[4]]).toEqual([0.3, 0.7]);
    expect(parseSweepParam('x=1:2:2')).toEqual({ path: 'x', values: [1, 2] });
    expect((parseSweepParam('x=0.1:0.7:1000') as { values: number[] }).values.at(-1)).toBe(0.7);
    expect(parseSweepParam('x=1k:3k:3')).toEqual({ path: 'x', values: [1000, 2000, 3000] });
  });
  it.each([
    ['x', '--param "x": expected PATH=V1,V2,... or PATH=FROM:TO:COUNT (e.g. pools.digital.bass.q=0.3,0.4,0.5), found no "="'],
    ['=1,2', '--param "=1,2": expected PATH=V1,V2,... or PATH=FROM:TO:COUNT (e.g. pools.digital.bass.q=0.3,0.4,0.5), found no values'],
    ['x= ', '--param "x= ": expected PATH=V1,V2,... or PATH=FROM:TO:COUNT (e.g. pools.digital.bass.q=0.3,0.4,0.5), found no values'],
    ['x=1:2:1', '--param "x=1:2:1": expected FROM:TO:COUNT with a whole COUNT from 2 to 1000, found "1:2:1"'],
    ['x=1:2:1001', '--param "x=1:2:1001": expected FROM:TO:COUNT with a whole COUNT from 2 to 1000, found "1:2:1001"'],
    ['x=1:2:2.5', '--param "x=1:2:2.5": expected FROM:TO:COUNT with a whole COUNT from 2 to 1000, found "1:2:2.5"'],
    ['x=a:2:3', '--param "x=a:2:3": expected FROM:TO:COUNT with a whole COUNT from 2 to 1000, found "a:2:3"'],
    ['x=1:b:3', '--param "x=1:b:3": expected FROM:TO:COUNT with a whole COUNT from 2 to 1000, found "1:b:3"'],
    ['x=1:2', '--param "x=1:2": expected values separated by "," or FROM:TO:COUNT, found "1:2"'],
    ['x=1, two', '--param "x=1, two": expected a number, found "two"'],
    ['x=1,2,1', '--param "x=1,2,1": expected distinct values, found a repeated one'],
  ])('%j is refused: %s', (text, message) => expect(parseSweepParam(text)).toBe(message));
  it('cells: every combination, the first parameter slowest, numbered from 0', () => {
    expect(sweepCells([{ path: 'a', values: [1, 2] }, { path: 'b', values: [10, 20, 30] }])).toEqual([
      { index: 0, values: [1, 10] }, { index: 1, values: [1, 20] }, { index: 2, values: [1, 30] },
      { index: 3, values: [2, 10] }, { index: 4, values: [2, 20] }, { index: 5, values: [2, 30] },
    ]);
    expect(sweepCells([])).toEqual([{ index: 0, values: [] }]);
  });
  it('shards: "I/N" with 0 ≤ I < N, spaces allowed; a shard runs the cells whose index is I mod N', () => {
    expect(parseShard(' 1 / 3 ')).toEqual({ index: 1, count: 3 });
    expect(parseShard('0/1')).toEqual({ index: 0, count: 1 });
    for (const bad of ['3/3', '0/0', '1', 'a/2', '-1/2', '1/2x'])
      expect(parseShard(bad)).toBe(`--shard: expected I/N with 0 ≤ I < N (e.g. 0/2 and 1/2 for two shards), found "${bad}"`);
    const cells = sweepCells([{ path: 'a', values: [1, 2, 3, 4, 5] }]);
    expect(cellsOfShard(cells, { index: 1, count: 2 }).map((c) => c.index)).toEqual([1, 3]);
    expect(cellsOfShard(cells, { index: 0, count: 2 }).map((c) => c.index)).toEqual([0, 2, 4]);
    expect(cellsOfShard(cells, undefined)).toBe(cells);
  });
});
