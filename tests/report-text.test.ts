/**
 * What a reader sees in tables and reports: strategy ids next to names (what --strategy
 * takes), churn with its mean, a service-profit-chain section that says why it is empty,
 * and published work cited by author and title — never the team's internal source notes.
 */
import { describe, expect, test } from 'vitest';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { smallComparison } from './helpers/small-comparison.ts';
import { terminalTable } from '../src/report/terminal-table.ts';
import { reportHtml } from '../src/report/html.ts';
import { betaChurn } from '../src/report/assumptions.ts';
import { serviceProfitChain } from '../src/report/charts/service-profit-chain.ts';
import { chartContext } from '../src/report/chart-context.ts';

describe('report text', () => {
  const { comparison, scenario } = smallComparison();

  test('the terminal table shows each strategy id under its name', () => {
    const lines = terminalTable(comparison).split('\n');
    for (const s of comparison.strategies) {
      const at = lines.findIndex((l) => l.startsWith(s.name));
      expect(at, s.name).toBeGreaterThan(0);
      expect(lines[at + 1].startsWith(`${s.id} `) || lines[at + 1] === s.id, `${s.id} under ${s.name}`).toBe(true);
    }
    expect(lines.some((l) => l.startsWith('id (for --strategy)'))).toBe(true);
  });

  test('the HTML headline shows the ids too', () => {
    const html = reportHtml({ comparison, scenario });
    for (const s of comparison.strategies) expect(html).toContain(`<small>${s.id}</small>`);
  });

  test('heterogeneous churn is shown with its mean per year', () => {
    expect(betaChurn(0.704, 3)).toBe('Beta(0.704, 3) — mean 19%/yr');
    expect(betaChurn({ dist: 'uniform', min: 0.5, max: 1 }, 3)).toContain('mean α/(α+β) per year');
  });

  test('without a workforce the service-profit chain says why, and where to see one', () => {
    const c = { ...comparison, scenario: { ...comparison.scenario, workforce: false } };
    const out = serviceProfitChain.build(c, chartContext(c));
    expect(out.svg).toBeNull();
    expect(out.caption).toMatch(/no front-line workforce/);
    expect(out.caption).toContain('scenarios/contact-centre.yaml');
    const html = reportHtml({ comparison: c, scenario });
    const section = html.slice(html.indexOf('id="service-profit-chain"'), html.indexOf('</section>', html.indexOf('id="service-profit-chain"')));
    expect(section).toContain('Not modelled in this scenario');
    expect(section).not.toContain('Not shown.');
  });
});

describe('citations in what users read', () => {
  const roots = ['src', 'scenarios', 'notebooks', 'docs', 'README.md'];
  const files = (p: string): string[] => (statSync(p).isDirectory() ? readdirSync(p).flatMap((f) => files(join(p, f))) : [p]);
  const all = roots.flatMap(files).filter((f) => /\.(ts|ya?ml|md|ipynb|json)$/.test(f));

  test('no internal source note ("seed 000", "seed article 002", "seeds 001 and 004") anywhere', () => {
    expect(all.length).toBeGreaterThan(50);
    const hits = all.flatMap((f) =>
      readFileSync(f, 'utf8')
        .split('\n')
        .flatMap((line, i) => (/\bseeds? (article )?0\d\d\b/i.test(line) ? [`${f}:${i + 1}: ${line.trim().slice(0, 100)}`] : [])),
    );
    expect(hits).toEqual([]);
  });

  test('the flagship cites the profit-pools article by title', () => {
    expect(readFileSync('scenarios/photo-memories.yaml', 'utf8')).toContain('"Aligning with Profit Pools');
    expect(readFileSync('scenarios/contact-centre.yaml', 'utf8')).toContain('Putting the Service-Profit Chain to Work');
  });
});
