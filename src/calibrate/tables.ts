/**
 * Readers of the two small table inputs, with file:line:column messages:
 * - a cohort survival table for the sBG: a period column (0, 1, 2, … consecutive) and one
 *   column per cohort with the customers still active at the start of each period;
 * - a BG/BB table: frequency, recency, periods and a count (weights) column per row, with an
 *   optional segment column.
 */
import { DataError, type DataProblem } from './data-error.ts';
import { lines, splitRow } from './line-reader.ts';
import type { SurvivalCohort } from './sbg.ts';
import type { BgBbRow } from './bgbb.ts';

const columnOf = (line: string, k: number): number => {
  const re = /[^\s,;\t]+/g;
  let m: RegExpExecArray | null, i = 0;
  while ((m = re.exec(line))) if (i++ === k) return m.index + 1;
  return 1;
};

const isCount = (s: string) => /^\d+(\.0*)?$/.test(s);

async function readTable(file: string): Promise<{ header: string[]; rows: { f: string[]; raw: string; n: number }[] }> {
  let header: string[] | null = null;
  const rows: { f: string[]; raw: string; n: number }[] = [];
  for await (const [raw, n] of lines(file)) {
    if (raw.trim() === '' || raw.trim().startsWith('#')) continue;
    const f = splitRow(raw);
    if (!header) header = f;
    else rows.push({ f, raw, n });
  }
  if (!header) throw new DataError([{ file, line: 0, column: 0, message: 'expected a header line and rows, found an empty file' }]);
  return { header, rows };
}

export interface SurvivalTableOptions {
  /** Fit periods 0..periods only (the rest is hold-out). */
  periods?: number;
  /** Name of the period column (default: the first column). */
  periodColumn?: string;
}

/** Cohorts of a survival table: every column but the period column is a cohort. */
export async function readSurvivalTable(file: string, opts: SurvivalTableOptions): Promise<SurvivalCohort[]> {
  const { header, rows } = await readTable(file);
  const pk = opts.periodColumn === undefined ? 0 : header.indexOf(opts.periodColumn);
  if (pk < 0) throw new DataError([{ file, line: 1, column: 1, message: `--period-column ${JSON.stringify(opts.periodColumn)}: no such column (the header has ${header.join(', ')})` }]);
  const cohortCols = header.map((_, k) => k).filter((k) => k !== pk);
  if (cohortCols.length === 0) throw new DataError([{ file, line: 1, column: 1, message: 'expected a period column and at least one cohort column of survivors' }]);
  const problems: DataProblem[] = [];
  const alive = cohortCols.map(() => [] as number[]);
  const lastLine = cohortCols.map(() => 0);
  for (const { f, raw, n } of rows) {
    if (f.length !== header.length) { problems.push({ file, line: n, column: 1, message: `expected ${header.length} fields like the header, found ${f.length}` }); continue; }
    const expected = alive[0].length;
    if (f[pk] !== String(expected)) { problems.push({ file, line: n, column: columnOf(raw, pk), message: `expected period ${expected} (periods count 0, 1, 2, … without gaps), found ${JSON.stringify(f[pk])}` }); continue; }
    cohortCols.forEach((k, j) => {
      const v = f[k];
      const prev = alive[j][alive[j].length - 1];
      if (!isCount(v)) problems.push({ file, line: n, column: columnOf(raw, k), message: `${header[k]}: expected a count of active customers (a whole number ≥ 0), found ${JSON.stringify(v)}` });
      else if (prev !== undefined && Number(v) > prev) problems.push({ file, line: n, column: columnOf(raw, k), message: `${header[k]}: expected at most ${prev} active customers (the count on line ${lastLine[j]}: a cohort cannot grow), found ${v}` });
      alive[j].push(Number(v));
      lastLine[j] = n;
    });
  }
  if (problems.length) throw new DataError(problems);
  if (alive[0].length < 2) throw new DataError([{ file, line: 0, column: 0, message: 'empty calibration period: expected survivors for periods 0 and at least 1' }]);
  if (opts.periods !== undefined && opts.periods + 1 > alive[0].length) throw new DataError([{ file, line: 0, column: 0, message: `--periods ${opts.periods}: the table has periods 0 to ${alive[0].length - 1}` }]);
  return cohortCols.map((k, j) => {
    if (alive[j][0] === 0) throw new DataError([{ file, line: 0, column: 0, message: `${header[k]}: empty cohort (0 customers in period 0)` }]);
    return { name: header[k], alive: opts.periods === undefined ? alive[j] : alive[j].slice(0, opts.periods + 1) };
  });
}

export interface BgBbTableOptions {
  segmentColumn?: string;
}

/** Rows of a BG/BB table, grouped by segment ("all" without a segment column). */
export async function readBgBbTable(file: string, opts: BgBbTableOptions): Promise<{ segment: string; rows: BgBbRow[] }[]> {
  const { header, rows } = await readTable(file);
  const lower = header.map((h) => h.toLowerCase());
  const col = (names: string[], what: string): number => {
    const k = lower.findIndex((h) => names.includes(h));
    if (k < 0) throw new DataError([{ file, line: 1, column: 1, message: `expected a ${what} column (one of ${names.join(', ')}) in the header, found ${header.join(', ')}` }]);
    return k;
  };
  const fk = col(['frequency', 'x'], 'frequency'), rk = col(['recency', 't_x', 'tx'], 'recency'), nk = col(['periods', 'n', 'opportunities'], 'periods');
  const ck = col(['weights', 'count', 'customers', 'n_custs', 'donors'], 'count');
  const sk = opts.segmentColumn === undefined ? -1 : header.indexOf(opts.segmentColumn);
  if (opts.segmentColumn !== undefined && sk < 0) throw new DataError([{ file, line: 1, column: 1, message: `--segment-by ${JSON.stringify(opts.segmentColumn)}: no such column (the header has ${header.join(', ')})` }]);
  const problems: DataProblem[] = [];
  const groups = new Map<string, BgBbRow[]>();
  for (const { f, raw, n } of rows) {
    if (f.length !== header.length) { problems.push({ file, line: n, column: 1, message: `expected ${header.length} fields like the header, found ${f.length}` }); continue; }
    const [x, tx, p, c] = [fk, rk, nk, ck].map((k) => f[k]);
    const bad = [fk, rk, nk, ck].find((k) => !isCount(f[k]));
    if (bad !== undefined) { problems.push({ file, line: n, column: columnOf(raw, bad), message: `${header[bad]}: expected a whole number ≥ 0, found ${JSON.stringify(f[bad])}` }); continue; }
    const [X, TX, P, C] = [x, tx, p, c].map(Number);
    if (X > TX || TX > P || (X > 0 && TX === 0) || (X === 0 && TX !== 0)) {
      problems.push({ file, line: n, column: columnOf(raw, fk), message: `expected 0 ≤ frequency ≤ recency ≤ periods (recency 0 exactly when frequency is 0), found frequency ${X}, recency ${TX}, periods ${P}` });
      continue;
    }
    const seg = sk < 0 ? 'all' : f[sk];
    if (!groups.has(seg)) groups.set(seg, []);
    groups.get(seg)!.push({ frequency: X, recency: TX, periods: P, count: C });
  }
  if (problems.length) throw new DataError(problems);
  if (groups.size === 0) throw new DataError([{ file, line: 0, column: 0, message: 'empty calibration period: the table has no rows' }]);
  return [...groups].map(([segment, rows]) => ({ segment, rows }));
}
