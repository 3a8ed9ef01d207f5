/**
 * The terminal headline of `cxsim compare` on a bundled scenario fits a 120-column terminal:
 * the report's headline tables one after another, every column of the old single table in
 * exactly one of them with every cell of its strategy rows, and the notes wrapped, not cut.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli as run } from './support/cli.ts';
import { readReportData } from '../src/cli/report-data.ts';
import { headlineColumns, headlineNotes } from '../src/report/headline-table.ts';
import { TERMINAL_WIDTH, wrapText } from '../src/report/terminal-table.ts';
import type { Comparison } from '../src/metrics/comparison.ts';

describe('compare prints its headline in tables a terminal holds', () => {
  let root: string;
  let stdout: string;
  let code: number;
  let c: Comparison;
  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'cxsim-terminal-'));
    const out = join(root, 'out');
    ({ stdout, code } = await run(['compare', 'scenarios/workshop-101.yaml', '--threads', '1', '--out', out]));
    c = readReportData(out).comparison;
  }, 120_000);
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  /** The tables: from each "Strategy" header line down to the blank line after its rows. */
  const tables = () => {
    const lines = stdout.split('\n');
    return lines.flatMap((l, i) => (l.startsWith('Strategy  ') ? [lines.slice(i, lines.indexOf('', i))] : []));
  };

  it(`every line is at most ${TERMINAL_WIDTH} characters wide`, () => {
    expect(code).toBe(0);
    const wide = stdout.split('\n').filter((l) => [...l].length > TERMINAL_WIDTH);
    expect(wide).toEqual([]);
    // the old single table was wider than that, so the split is what keeps it narrow
    const cols = headlineColumns(c, true);
    const oneTable = cols.reduce((w, col) => w + Math.max(col.header.length, ...c.headline.map((h) => col.cell(h).text.length)), 2 * (cols.length - 1));
    expect(oneTable).toBeGreaterThan(TERMINAL_WIDTH);
  });

  it('every column header of the old single table appears exactly once, with its cells in the strategy rows', () => {
    const ts = tables();
    expect(ts.length).toBeGreaterThanOrEqual(3);
    const [label, ...cols] = headlineColumns(c, true);
    expect(label.header).toBe('Strategy');
    for (const col of cols) {
      const holding = ts.filter((t) => t[0].split(/ {2,}/).includes(col.header));
      expect(holding.length, col.header).toBe(1);
      const t = holding[0];
      const at = t[0].indexOf(col.header);
      for (const h of c.headline) {
        const name = h.baseline ? `${h.name} (baseline)` : h.name;
        const row = t.findIndex((l) => l.startsWith(`${name}  `) || l === name);
        expect(row, `${col.header}: ${name}`).toBeGreaterThan(2);
        const cell = col.cell(h);
        // right-aligned: the value (and its interval below it) ends where the header ends
        const end = at + col.header.length;
        expect(t[row].slice(end - cell.text.length, end), `${col.header} of ${h.strategy}`).toBe(cell.text);
        if (cell.sub) expect(t[row + 1].slice(end - cell.sub.length, end), `${col.header} interval of ${h.strategy}`).toBe(cell.sub);
      }
    }
    // the strategy column in every table
    const headers = ts.map((t) => t[0].split(/ {2,}/));
    expect(headers.every((h) => h[0] === 'Strategy')).toBe(true);
    expect(headers.flat().filter((h) => h !== 'Strategy').sort()).toEqual(cols.map((col) => col.header).sort());
  });

  it('the notes are all there, wrapped at spaces', () => {
    const flat = stdout.replace(/\n(?=\S)/g, ' ');
    for (const n of headlineNotes(c)) expect(flat).toContain(n);
    expect(wrapText('aa bb cc', 5)).toEqual(['aa bb', 'cc']);
    expect(wrapText('averyverylongword x', 5)).toEqual(['averyverylongword', 'x']);
    expect(wrapText('short', 5)).toEqual(['short']);
  });
});
