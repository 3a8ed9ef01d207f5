/**
 * The two table readers of `cxsim calibrate` (src/calibrate/tables.ts) on small files written
 * here (issue 17 item 4: written against the surviving mutants of
 * `npm run mutation -- --folder calibrate`): the cohorts and rows they return, and every
 * refusal with its exact file:line:column and message, at the edges of each rule (a count
 * written "5.0", a cohort that stays level, --periods at the last period, recency = periods).
 * The temporary folder is removed after the tests, also when one fails.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readBgBbTable, readSurvivalTable } from '../../src/calibrate/tables.ts';
import { DataError, type DataProblem } from '../../src/calibrate/data-error.ts';

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cxsim-tables-'));
});
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});
let serial = 0;
const file = (rows: string[]): string => {
  const f = join(dir, `t${serial++}.csv`);
  writeFileSync(f, `${rows.join('\n')}\n`);
  return f;
};
async function problems(read: () => Promise<unknown>): Promise<DataProblem[]> {
  try {
    await read();
  } catch (e) {
    if (e instanceof DataError) return e.problems;
    throw e;
  }
  throw new Error('read without a DataError');
}

describe('survival table', () => {
  const table = ['# survivors at the start of each year', 'period,a,b', '', '0,100,50', '   ', '  # an indented comment', '1,60,50.0', '2,40,20.00', '3,30,20'];
  it('one cohort per column but the period column; comments and blank lines skipped; counts like "50.0" read as numbers', async () => {
    expect(await readSurvivalTable(file(table), {})).toEqual([
      { name: 'a', alive: [100, 60, 40, 30] },
      { name: 'b', alive: [50, 50, 20, 20] },
    ]);
  });
  it('--periods 2 fits periods 0..2; --periods 3 is the whole table', async () => {
    const f = file(table);
    expect((await readSurvivalTable(f, { periods: 2 })).map((c) => c.alive)).toEqual([[100, 60, 40], [50, 50, 20]]);
    expect((await readSurvivalTable(f, { periods: 3 }))[0].alive).toEqual([100, 60, 40, 30]);
    expect(await problems(() => readSurvivalTable(f, { periods: 4 }))).toEqual([{ file: f, line: 0, column: 0, message: '--periods 4: the table has periods 0 to 3' }]);
  });
  it('a named period column that is not the first', async () => {
    const f = file(['a;year;b', '100;0;50', '60;1;40']);
    expect(await readSurvivalTable(f, { periodColumn: 'year' })).toEqual([{ name: 'a', alive: [100, 60] }, { name: 'b', alive: [50, 40] }]);
    expect(await problems(() => readSurvivalTable(f, { periodColumn: 'period' }))).toEqual([{ file: f, line: 1, column: 1, message: '--period-column "period": no such column (the header has a, year, b)' }]);
  });
  it('row problems, all reported together at their columns', async () => {
    const f = file(['period,a,b', '0,100,50', '1,90', '1,-5,40', '2,1.5,x', '4,10,10', '3,120,40']);
    expect(await problems(() => readSurvivalTable(f, {}))).toEqual([
      { file: f, line: 3, column: 1, message: 'expected 3 fields like the header, found 2' },
      { file: f, line: 4, column: 3, message: 'a: expected a count of active customers (a whole number ≥ 0), found "-5"' },
      { file: f, line: 5, column: 3, message: 'a: expected a count of active customers (a whole number ≥ 0), found "1.5"' },
      { file: f, line: 5, column: 7, message: 'b: expected a count of active customers (a whole number ≥ 0), found "x"' },
      { file: f, line: 6, column: 1, message: 'expected period 3 (periods count 0, 1, 2, … without gaps), found "4"' },
      { file: f, line: 7, column: 3, message: 'a: expected at most 1.5 active customers (the count on line 5: a cohort cannot grow), found 120' },
    ]);
    const g = file(['t a', '0 10', '1 12']);
    expect(await problems(() => readSurvivalTable(g, {}))).toEqual([{ file: g, line: 3, column: 3, message: 'a: expected at most 10 active customers (the count on line 2: a cohort cannot grow), found 12' }]);
  });
  it('refused tables: empty, no cohort column, a single period, an empty cohort', async () => {
    const e = file(['# nothing here', '']);
    expect(await problems(() => readSurvivalTable(e, {}))).toEqual([{ file: e, line: 0, column: 0, message: 'expected a header line and rows, found an empty file' }]);
    const p = file(['period', '0', '1']);
    expect(await problems(() => readSurvivalTable(p, {}))).toEqual([{ file: p, line: 1, column: 1, message: 'expected a period column and at least one cohort column of survivors' }]);
    const one = file(['period,a', '0,100']);
    expect(await problems(() => readSurvivalTable(one, {}))).toEqual([{ file: one, line: 0, column: 0, message: 'empty calibration period: expected survivors for periods 0 and at least 1' }]);
    const z = file(['period,a,b', '0,10,0', '1,5,0']);
    expect(await problems(() => readSurvivalTable(z, {}))).toEqual([{ file: z, line: 0, column: 0, message: 'b: empty cohort (0 customers in period 0)' }]);
  });
});

describe('BG/BB table', () => {
  it('columns found by name in any case and order; rows grouped by segment in order of appearance', async () => {
    const f = file(['Segment,N_Custs,T_X,X,Opportunities', 'north,10,0,0,6', 'south,3,6,6,6', 'north,4,1,1,6', 'south,2,6,3,6']);
    expect(await readBgBbTable(f, { segmentColumn: 'Segment' })).toEqual([
      { segment: 'north', rows: [{ frequency: 0, recency: 0, periods: 6, count: 10 }, { frequency: 1, recency: 1, periods: 6, count: 4 }] },
      { segment: 'south', rows: [{ frequency: 6, recency: 6, periods: 6, count: 3 }, { frequency: 3, recency: 6, periods: 6, count: 2 }] },
    ]);
    const all = await readBgBbTable(f, {});
    expect(all.map((g) => [g.segment, g.rows.length])).toEqual([['all', 4]]);
  });
  it('each column name it knows: frequency/x, recency/t_x/tx, periods/n/opportunities, weights/count/customers/n_custs/donors', async () => {
    for (const [h, row] of [['frequency,recency,periods,weights', '1,2,3,4'], ['x,tx,n,count', '1,2,3,4'], ['x,t_x,periods,customers', '1,2,3,4'], ['x,tx,n,donors', '1,2,3,4']]) {
      expect(await readBgBbTable(file([h, row]), {})).toEqual([{ segment: 'all', rows: [{ frequency: 1, recency: 2, periods: 3, count: 4 }] }]);
    }
  });
  it('a missing column names the ones it looks for; a missing segment column names the header', async () => {
    const f = file(['x,t_x,n', '1,2,3']);
    expect(await problems(() => readBgBbTable(f, {}))).toEqual([{ file: f, line: 1, column: 1, message: 'expected a count column (one of weights, count, customers, n_custs, donors) in the header, found x, t_x, n' }]);
    const g = file(['x,t_x,n,count', '1,2,3,4']);
    expect(await problems(() => readBgBbTable(g, { segmentColumn: 'region' }))).toEqual([{ file: g, line: 1, column: 1, message: '--segment-by "region": no such column (the header has x, t_x, n, count)' }]);
    const fq = file(['t_x,n,count', '1,2,3']);
    expect((await problems(() => readBgBbTable(fq, {})))[0].message).toBe('expected a frequency column (one of frequency, x) in the header, found t_x, n, count');
    const rc = file(['x,n,count', '1,2,3']);
    expect((await problems(() => readBgBbTable(rc, {})))[0].message).toBe('expected a recency column (one of recency, t_x, tx) in the header, found x, n, count');
    const h = file(['x,t_x,count', '1,2,3']);
    expect((await problems(() => readBgBbTable(h, {})))[0].message).toBe('expected a periods column (one of periods, n, opportunities) in the header, found x, t_x, count');
  });
  it('rows: field count, whole numbers, and 0 ≤ frequency ≤ recency ≤ periods with recency 0 exactly when frequency is 0', async () => {
    const f = file(['x,t_x,n,count', '0,0,6,1', '1,2', '1,a,6,1', '2,1,6,1', '1,7,6,1', '1,0,6,1', '0,2,6,1', '6,6,6,1', '1,1,6,2.0']);
    const bound = (line: number, x: number, tx: number) => ({ file: f, line, column: 1, message: `expected 0 ≤ frequency ≤ recency ≤ periods (recency 0 exactly when frequency is 0), found frequency ${x}, recency ${tx}, periods 6` });
    expect(await problems(() => readBgBbTable(f, {}))).toEqual([
      { file: f, line: 3, column: 1, message: 'expected 4 fields like the header, found 2' },
      { file: f, line: 4, column: 3, message: 't_x: expected a whole number ≥ 0, found "a"' },
      bound(5, 2, 1), bound(6, 1, 7), bound(7, 1, 0), bound(8, 0, 2),
    ]);
    const ok = file(['x,t_x,n,count', '0,0,6,1', '6,6,6,1', '1,1,6,2.0']);
    expect((await readBgBbTable(ok, {}))[0].rows.map((r) => [r.frequency, r.recency, r.count])).toEqual([[0, 0, 1], [6, 6, 1], [1, 1, 2]]);
  });
  it('a header without rows is an empty calibration period', async () => {
    const f = file(['x,t_x,n,count']);
    expect(await problems(() => readBgBbTable(f, {}))).toEqual([{ file: f, line: 0, column: 0, message: 'empty calibration period: the table has no rows' }]);
  });
});
