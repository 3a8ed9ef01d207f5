/**
 * The headline as plain text for a terminal: the report's headline tables (headlineTables) one
 * after another, each with the strategy column and at most TERMINAL_WIDTH characters wide,
 * aligned columns, the interval of a cell on the line below its value; then the notes, warnings
 * and ranking issues, wrapped at spaces to the same width.
 */
import type { Comparison } from '../metrics/comparison.ts';
import { headlineNotes, headlineTables, type Column } from './headline-table.ts';
import { count } from './format.ts';
import { valuationFindings } from './valuation-text.ts';

const width = (s: string) => [...s].length;
const pad = (s: string, w: number, align: 'left' | 'right') => (align === 'left' ? s + ' '.repeat(w - width(s)) : ' '.repeat(w - width(s)) + s);

/** The widest line the terminal output is laid out for: tables are split and notes wrapped to it. */
export const TERMINAL_WIDTH = 120;

/** Each column's width: the widest of its header, note and cells. */
function columnWidths(c: Comparison, cols: Column[]): number[] {
  return cols.map((col) => Math.max(width(col.header), width(col.note ?? ''), ...c.headline.map((h) => col.cell(h)).map((cell) => Math.max(width(cell.text), width(cell.sub ?? '')))));
}

/** One headline table as aligned text: caption, header, units, rule, a row per strategy with its intervals below. */
function tableText(c: Comparison, title: string, cols: Column[]): string[] {
  const cells = c.headline.map((h) => cols.map((col) => col.cell(h)));
  const widths = columnWidths(c, cols);
  const line = (parts: string[]) => parts.map((p, j) => pad(p, widths[j], cols[j].align)).join('  ').trimEnd();
  const out = [title, '', line(cols.map((col) => col.header)), line(cols.map((col) => col.note ?? '')), widths.map((w) => '─'.repeat(w)).join('  ')];
  for (const row of cells) {
    out.push(line(row.map((cell) => cell.text)));
    if (row.some((cell) => cell.sub)) out.push(line(row.map((cell) => cell.sub ?? '')));
  }
  return out;
}

/** A sentence broken at spaces into lines of at most `max` characters (a longer word stays whole); joined by single spaces it is the sentence again. */
export function wrapText(text: string, max = TERMINAL_WIDTH): string[] {
  const lines: string[] = [];
  let rest = text;
  while (width(rest) > max) {
    const chars = [...rest];
    let at = chars.lastIndexOf(' ', max);
    if (at <= 0) at = chars.indexOf(' ', max);
    if (at <= 0) break;
    lines.push(chars.slice(0, at).join(''));
    rest = chars.slice(at + 1).join('');
  }
  lines.push(rest);
  return lines;
}

export function terminalTable(c: Comparison): string {
  // the report's tables (one grouping, headlineTables), split further where one would be wider than the terminal
  const fits = (cols: Column[]) => columnWidths(c, cols).reduce((a, w) => a + w, 0) + 2 * (cols.length - 1) <= TERMINAL_WIDTH;
  const out: string[] = [];
  out.push(`${c.scenario.name}: ${count(c.strategies.length, 'strategy', 'strategies')} × ${count(c.scenario.replications, 'replication')}, seed ${c.scenario.seed}${c.stress !== 'none' ? `, stress ${c.stress}` : ''}`);
  for (const t of headlineTables(c, { short: true, fits })) {
    out.push('');
    out.push(...tableText(c, t.title, t.columns));
  }
  out.push('');
  for (const n of headlineNotes(c)) out.push(...wrapText(n));
  // beyond the rule (already in the notes): does the ranking hold without the value beyond the horizon, and from which horizon each lead holds
  const valuation = valuationFindings(c).slice(1);
  if (valuation.length > 0) {
    out.push('');
    for (const v of valuation) out.push(...wrapText(v));
  }
  const warnings = [...c.warnings, ...c.rankingIssues.map((i) => i.message)];
  if (warnings.length > 0) {
    out.push('');
    for (const w of warnings) out.push(...wrapText(`warning: ${w}`));
  }
  return out.join('\n') + '\n';
}
