/**
 * A parameter sweep's grid (docs/finance.md, "Sweeps"): one or two parameters, each with a
 * list of values, crossed into cells numbered in a fixed order (the first parameter varies
 * slowest), so that a shard, a resumed run and an uninterrupted run agree on what cell 7 is.
 *
 *   --param strategies.balanced.budget.perYear=1M,3M,5M     a list (k / M / bn suffixes allowed)
 *   --param pools.digital.bass.q=0.3:0.7:5                  FROM:TO:COUNT, evenly spaced, ends included
 */
import { parseAmount } from './amount.ts';

export interface SweepParam {
  path: string;
  values: number[];
}

export interface SweepCell {
  index: number;
  /** One value per sweep parameter, in parameter order. */
  values: number[];
}

export function parseSweepParam(text: string): SweepParam | string {
  const eq = text.indexOf('=');
  const path = eq < 0 ? '' : text.slice(0, eq).trim();
  const spec = eq < 0 ? '' : text.slice(eq + 1).trim();
  const bad = (what: string) => `--param "${text}": ${what}`;
  if (path === '' || spec === '') return bad(`expected PATH=V1,V2,... or PATH=FROM:TO:COUNT (e.g. pools.digital.bass.q=0.3,0.4,0.5), found ${eq < 0 ? 'no "="' : 'no values'}`);
  const range = spec.split(':');
  if (range.length === 3) {
    const [a, b] = [parseAmount(range[0]), parseAmount(range[1])];
    const n = Number(range[2]);
    if (a === null || b === null || !Number.isInteger(n) || n < 2 || n > 1000) return bad(`expected FROM:TO:COUNT with a whole COUNT from 2 to 1000, found "${spec}"`);
    return { path, values: Array.from({ length: n }, (_, i) => (i === n - 1 ? b : a + ((b - a) * i) / (n - 1))) };
  }
  if (range.length !== 1) return bad(`expected values separated by "," or FROM:TO:COUNT, found "${spec}"`);
  const values: number[] = [];
  for (const part of spec.split(',')) {
    const x = parseAmount(part);
    if (x === null) return bad(`expected a number, found "${part.trim()}"`);
    values.push(x);
  }
  if (new Set(values).size !== values.length) return bad('expected distinct values, found a repeated one');
  return { path, values };
}

/** Every combination of values; the first parameter varies slowest. */
export function sweepCells(params: SweepParam[]): SweepCell[] {
  let combos: number[][] = [[]];
  for (const p of params) combos = combos.flatMap((c) => p.values.map((v) => [...c, v]));
  return combos.map((values, index) => ({ index, values }));
}

export interface Shard {
  index: number;
  count: number;
}

/** "1/3" → shard 1 of 3 (shards count from 0: 0/3, 1/3, 2/3). */
export function parseShard(text: string): Shard | string {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const i = m ? Number(m[1]) : NaN;
  const n = m ? Number(m[2]) : NaN;
  if (!m || n < 1 || i >= n) return `--shard: expected I/N with 0 ≤ I < N (e.g. 0/2 and 1/2 for two shards), found "${text}"`;
  return { index: i, count: n };
}

/** The cells a shard runs: those whose index % count == shard index. */
export function cellsOfShard(cells: SweepCell[], shard: Shard | undefined): SweepCell[] {
  return shard ? cells.filter((c) => c.index % shard.count === shard.index) : cells;
}
