/**
 * The headline table as plain text for a terminal: aligned columns, the interval of a cell
 * on the line below its value, then the notes, warnings and ranking issues.
 */
import type { Comparison } from '../metrics/comparison.ts';
import { headlineColumns, headlineNotes } from './headline-table.ts';
import { count } from './format.ts';
import { valuationFindings } from './valuation-text.ts';

const width = (s: string) => [...s].length;
const pad = (s: string, w: number, align: 'left' | 'right') => (align === 'left' ? s + ' '.repeat(w - width(s)) : ' '.repeat(w - width(s)) + s);

export function terminalTable(c: Comparison): string {
  const cols = headlineColumns(c, true);
  const cells = c.headline.map((h) => cols.map((col) => col.cell(h)));
  const widths = cols.map((col, j) =>
    Math.max(width(col.header), width(col.note ?? ''), ...cells.map((row) => Math.max(width(row[j].text), width(row[j].sub ?? '')))),
  );
  const line = (parts: string[]) => parts.map((p, j) => pad(p, widths[j], cols[j].align)).join('  ').trimEnd();
  const out: string[] = [];
  out.push(`${c.scenario.name}: ${count(c.strategies.length, 'strategy', 'strategies')} × ${count(c.scenario.replications, 'replication')}, seed ${c.scenario.seed}${c.stress !== 'none' ? `, stress ${c.stress}` : ''}`);
  out.push('');
  out.push(line(cols.map((col) => col.header)));
  out.push(line(cols.map((col) => col.note ?? '')));
  out.push(widths.map((w) => '─'.repeat(w)).join('  '));
  for (const row of cells) {
    out.push(line(row.map((cell) => cell.text)));
    if (row.some((cell) => cell.sub)) out.push(line(row.map((cell) => cell.sub ?? '')));
  }
  out.push('');
  for (const n of headlineNotes(c)) out.push(n);
  // beyond the rule (already in the notes): does the ranking hold without the value beyond the horizon, and from which horizon each lead holds
  const valuation = valuationFindings(c).slice(1);
  if (valuation.length > 0) {
    out.push('');
    for (const v of valuation) out.push(v);
  }
  const warnings = [...c.warnings, ...c.rankingIssues.map((i) => i.message)];
  if (warnings.length > 0) {
    out.push('');
    for (const w of warnings) out.push(`warning: ${w}`);
  }
  return out.join('\n') + '\n';
}
