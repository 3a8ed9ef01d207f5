/**
 * The event-log reader (src/calibrate/event-log.ts) on small logs written here, every number of
 * the summary worked out by hand from the rows (issue 17 item 4: written against the surviving
 * mutants of `npm run mutation -- --folder calibrate`): daily units and a calibration length in
 * units, a hold-out end with rows after it, the per-unit repeat and per-day acquisition series,
 * segments from a customer's first row, more than 1,024 customers (the per-customer arrays
 * grow), column detection with and without a header, and every refusal with its exact
 * file:line:column and message. The temporary folder is removed after the tests, also when one
 * fails.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readEventLog, type EventLogOptions } from '../../src/calibrate/event-log.ts';
import { DataError, type DataProblem } from '../../src/calibrate/data-error.ts';

let dir = '';
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cxsim-event-log-'));
});
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});
const file = (name: string, rows: string[]): string => {
  const f = join(dir, name);
  writeFileSync(f, `${rows.join('\n')}\n`);
  return f;
};
/** The problems of the DataError the read ends with. */
async function problems(f: string, o: EventLogOptions = {}): Promise<DataProblem[]> {
  try {
    await readEventLog(f, o);
  } catch (e) {
    if (e instanceof DataError) return e.problems;
    throw e;
  }
  throw new Error(`${f} was read without a DataError`);
}

// days 0..8 are 1997-01-01..09; c is acquired after the calibration period (day 4)
const daily = [
  'id,date,amount',
  'a,1997-01-01,10',
  'b,1997-01-03,4',
  'a,1997-01-04,6',
  'a,1997-01-06,8',
  'b,1997-01-06,1',
  'c,1997-01-07,3',
  'a,1997-01-09,2',
  'c,1997-01-09,1',
];

describe('a daily log with a calibration length in units', () => {
  it('5 daily units: calibration to 1997-01-05, hold-out to the last date; t_x, T, x, spend, hold-out counts, series', async () => {
    const s = await readEventLog(file('daily.csv', daily), { unitDays: 1, calibrationUnits: 5 });
    expect(s.rows).toBe(8);
    expect(s.header).toEqual(['id', 'date', 'amount']);
    expect(s.columns).toEqual({ customer: 1, date: 2, amount: 3, segment: null });
    expect(s.dateFormat).toBe('iso');
    expect(s.unitDays).toBe(1);
    expect([s.firstDay, s.lastDay, s.calibrationEnd, s.holdoutEnd]).toEqual(['1997-01-01', '1997-01-09', '1997-01-05', '1997-01-09']);
    expect(s.calibrationUnits).toBe(5);
    expect(s.excludedCustomers).toBe(1);
    expect(s.rowsAfterHoldout).toBe(0);
    expect(s.segment).toBeNull();
    expect(s.rfm.ids).toEqual(['a', 'b']);
    expect(Array.from(s.rfm.x)).toEqual([1, 0]); // a: the repeat of day 3; b: none in calibration
    expect(Array.from(s.rfm.tx)).toEqual([3, 0]);
    expect(Array.from(s.rfm.T)).toEqual([4, 2]);
    expect(Array.from(s.rfm.meanValue)).toEqual([6, 0]); // the repeat's 6; the first purchase is not a repeat
    expect(Array.from(s.rfm.holdout)).toEqual([2, 1]); // a on days 5 and 8, b on day 5
    expect(s.rfm.holdoutLength).toBe(4);
    // repeats by day: a on 3, a and b on 5, a on 8 (c's repeat on 8 is not counted: c is not fitted)
    expect(s.repeatByUnit).toEqual([0, 0, 0, 1, 0, 2, 0, 0, 1]);
    expect(s.firstPurchasesByDay).toEqual([1, 0, 1, 0, 0]);
  });
  it('a hold-out ending 1997-01-07: the two rows after it are counted and left out', async () => {
    const s = await readEventLog(file('daily-ho.csv', daily), { unitDays: 1, calibrationEnd: '1997-01-05', holdoutEnd: '1997-01-07' });
    expect(s.rowsAfterHoldout).toBe(2);
    expect([s.lastDay, s.holdoutEnd]).toEqual(['1997-01-09', '1997-01-07']);
    expect(Array.from(s.rfm.holdout)).toEqual([1, 1]);
    expect(s.rfm.holdoutLength).toBe(2);
    expect(s.repeatByUnit).toEqual([0, 0, 0, 1, 0, 2, 0]);
  });
  it('two-day units: T and t_x in units of 2 days; a calibration of 2.5 units is 5 days', async () => {
    const s = await readEventLog(file('daily-2.csv', daily), { unitDays: 2, calibrationUnits: 2.5 });
    expect(s.calibrationEnd).toBe('1997-01-05');
    expect(s.calibrationUnits).toBe(2.5);
    expect(Array.from(s.rfm.tx)).toEqual([1.5, 0]);
    expect(Array.from(s.rfm.T)).toEqual([2, 1]);
    expect(s.repeatByUnit).toEqual([0, 1, 2, 0, 1]); // days 3, 5, 5, 8 → units 1, 2, 2, 4; ⌈9/2⌉ = 5 units
  });
  it('a calibration end after the last date extends the hold-out end to it', async () => {
    const s = await readEventLog(file('daily-late.csv', daily), { unitDays: 1, calibrationEnd: '1997-01-12' });
    expect([s.calibrationEnd, s.holdoutEnd]).toEqual(['1997-01-12', '1997-01-12']);
    expect(s.rfm.holdoutLength).toBe(0);
    expect(s.excludedCustomers).toBe(0);
    expect(s.firstPurchasesByDay).toEqual([1, 0, 1, 0, 0, 0, 1, 0, 0, 0, 0, 0]);
  });
  it('the calibration end in the log\'s own format (yyyymmdd) or ISO is the same day', async () => {
    const rows = ['a 19970101 10', 'a 19970104 6', 'b 19970103 4'];
    const own = await readEventLog(file('ymd.txt', rows), { unitDays: 1, calibrationEnd: '19970105' });
    const iso = await readEventLog(file('ymd2.txt', rows), { unitDays: 1, calibrationEnd: '1997-01-05' });
    expect(own.calibrationEnd).toBe('1997-01-05');
    expect(iso.calibrationEnd).toBe('1997-01-05');
    expect(own.dateFormat).toBe('yyyymmdd');
  });
});

describe('segments, progress, many customers', () => {
  it('a customer\'s segment is the one on its first row; the excluded customer\'s is dropped', async () => {
    const rows = ['id,date,amount,region', 'a,1997-01-01,1,north', 'b,1997-01-02,1,south', 'a,1997-01-03,1,south', 'c,1997-01-09,1,east'];
    const s = await readEventLog(file('seg.csv', rows), { unitDays: 1, calibrationEnd: '1997-01-05', segmentColumn: 'Region' });
    expect(s.columns).toEqual({ customer: 1, date: 2, amount: 3, segment: 4 });
    expect(s.segment).toEqual(['north', 'south']);
  });
  it('progress every 2 lines in each pass, and the characters read after each chunk', async () => {
    const f = file('progress.csv', daily.slice(0, 5));
    const calls: [number, number][] = [], chunks: [number, number][] = [];
    await readEventLog(f, { onProgress: (p, n) => calls.push([p, n]), progressEvery: 2, onChunk: (p, r) => chunks.push([p, r]) });
    expect(calls).toEqual([[1, 2], [1, 4], [2, 2], [2, 4]]);
    const size = `${daily.slice(0, 5).join('\n')}\n`.length;
    expect(chunks).toEqual([[1, size], [2, size]]);
  });
  it('1,100 customers (past the first 1,024 slots): the first and the last keep their numbers', async () => {
    const rows = ['id,date,amount'];
    for (let i = 0; i < 1100; i++) rows.push(`c${i},1997-01-01,${i + 1}`);
    rows.push('c1099,1997-01-08,5', 'c0,1997-01-15,7');
    const s = await readEventLog(file('many.csv', rows), { calibrationEnd: '1997-01-15' });
    expect(s.rfm.ids.length).toBe(1100);
    expect([s.rfm.ids[0], s.rfm.ids[1023], s.rfm.ids[1024], s.rfm.ids[1099]]).toEqual(['c0', 'c1023', 'c1024', 'c1099']);
    // the customer in the first slot after the 1,024: first purchase day and its amount kept
    expect([s.rfm.T[1024], s.rfm.x[1024]]).toEqual([2, 0]);
    expect([s.rfm.x[0], s.rfm.x[1], s.rfm.x[1099]]).toEqual([1, 0, 1]);
    expect([s.rfm.tx[0], s.rfm.tx[1099]]).toEqual([2, 1]);
    expect([s.rfm.meanValue[0], s.rfm.meanValue[1099]]).toEqual([7, 5]);
    expect(s.rfm.T[1099]).toBe(2);
  });
});

describe('fields and rows at the edges', () => {
  it('quotes are removed only around a whole field; a zero amount is a purchase; a line of spaces is skipped in both passes', async () => {
    const s = await readEventLog(file('edges.csv', ['id,date,amount', 'x",1997-01-01,0', '   ', '"y,1997-01-02,3', '"z",1997-01-03,4', 'x",1997-01-08,5']), { unitDays: 1 });
    expect(s.rfm.ids).toEqual(['x"', '"y', 'z']);
    expect(s.rows).toBe(4);
    expect(Array.from(s.rfm.x)).toEqual([1, 0, 0]);
    expect(Array.from(s.rfm.meanValue)).toEqual([5, 0, 0]);
    // an empty quoted id is an empty id
    const f = file('empty-quoted.csv', ['id,date,amount', '"",1997-01-01,1']);
    expect(await problems(f)).toEqual([{ file: f, line: 2, column: 1, message: 'expected a customer id in column 1, found an empty field' }]);
  });
  it('a column given by number is all digits; a header name may name the first column', async () => {
    const f = file('spec.csv', daily.slice(0, 3));
    expect((await problems(f, { customerColumn: '1a' }))[0].message).toBe('--customer-column "1a": no such column (the header has "id", "date", "amount")');
    expect((await problems(f, { customerColumn: 'a1' }))[0].message).toBe('--customer-column "a1": no such column (the header has "id", "date", "amount")');
    expect((await readEventLog(f, { customerColumn: 'ID' })).columns.customer).toBe(1);
  });
});

describe('columns found without being named', () => {
  it('no header, date first: the customer is the next column and the amount the last number', async () => {
    const s = await readEventLog(file('datefirst.txt', ['19970101 c1 x 5.5', '19970108 c1 y 4.5']), {});
    expect(s.header).toBeNull();
    expect(s.columns).toEqual({ customer: 2, date: 1, amount: 4, segment: null });
    expect(Array.from(s.rfm.meanValue)).toEqual([4.5]);
  });
  it('header names: "id" before "…_id", and a total before a price; names are matched case-insensitively when given', async () => {
    const s = await readEventLog(file('ids.csv', ['order_id,ID,Day,price,Total', '1,a,1997-01-01,2,4', '2,a,1997-01-08,3,6']), {});
    expect(s.columns).toEqual({ customer: 2, date: 3, amount: 5, segment: null });
    const p = await readEventLog(file('ids2.csv', ['order_id,ID,Day,price,Total', '1,a,1997-01-01,2,4', '2,a,1997-01-08,3,6']), { amountColumn: 'PRICE', customerColumn: '1' });
    expect(p.columns).toEqual({ customer: 1, date: 3, amount: 4, segment: null });
  });
});

describe('refusals: every problem at file:line:column', () => {
  it('row problems in the first pass, all reported together (a date, an amount, a negative, an empty id, too few fields)', async () => {
    const f = file('bad.csv', [
      'id,date,amount,region',
      'x,1997-01-01,5,north',
      'y,1997-13-01,5,north',
      'z,1997-01-02,abc,north',
      'w,1997-01-02,-2,north',
      ',1997-01-02,1,north',
      'v,1997-01-02',
      'u,1997-01-02,,north',
    ]);
    const o = { segmentColumn: 'region' };
    expect(await problems(f, o)).toEqual([
      { file: f, line: 3, column: 3, message: 'expected a date in iso format in column 2, found "1997-13-01"' },
      { file: f, line: 4, column: 14, message: 'expected an amount (a number) in column 3, found "abc"' },
      { file: f, line: 5, column: 14, message: 'expected an amount ≥ 0 in column 3, found -2 (refunds are not purchases: remove them or net them against their purchase)' },
      { file: f, line: 6, column: 1, message: 'expected a customer id in column 1, found an empty field' },
      { file: f, line: 7, column: 0, message: 'expected at least 4 fields (customer, date, amount, segment), found 2' },
      { file: f, line: 8, column: 14, message: 'expected an amount (a number) in column 3, found ""' },
    ]);
    // at most maxProblems, then it stops
    expect((await problems(f, { ...o, maxProblems: 2 })).map((p) => p.line)).toEqual([3, 4]);
    // without a segment column three fields are enough
    expect((await problems(f, {})).find((p) => p.line === 7)!.message).toBe('expected at least 3 fields (customer, date, amount), found 2');
  });
  it('whitespace logs: the column is where the field starts', async () => {
    const f = file('ws-bad.txt', ['c1   19970101 5', 'c2  19970102   x']);
    expect(await problems(f)).toEqual([{ file: f, line: 2, column: 16, message: 'expected an amount (a number) in column 3, found "x"' }]);
    const g = file('ws-ambiguous.txt', ['c1  03/04/1997 5']);
    expect(await problems(g)).toEqual([{ file: g, line: 1, column: 5, message: 'date "03/04/1997" could be month/day or day/month: pass --date-format mdy or dmy' }]);
  });
  it('with a header the date format is read from the first row: an ambiguous one is refused there, an unknown one read as yyyymmdd', async () => {
    const f = file('h-ambiguous.csv', ['id,date,amount', 'a,03/04/1997,5']);
    expect(await problems(f)).toEqual([{ file: f, line: 2, column: 3, message: 'date "03/04/1997" could be month/day or day/month: pass --date-format mdy or dmy' }]);
    const g = file('h-unknown.csv', ['id,date,amount', 'a,soon,5']);
    expect(await problems(g)).toEqual([{ file: g, line: 2, column: 3, message: 'expected a date in yyyymmdd format in column 2, found "soon"' }]);
    const s = await readEventLog(file('h-dmy.csv', ['id,date,amount', 'a,03/04/1997,5']), { dateFormat: 'dmy' });
    expect([s.dateFormat, s.firstDay]).toEqual(['dmy', '1997-04-03']);
  });
  it('purchases out of date order, in the second pass: before the first, before the previous (the line of the last row that day)', async () => {
    const f = file('order.csv', ['id,date,amount', 'a,1997-01-05,1', 'a,1997-01-03,1', 'a,1997-01-08,1', 'a,1997-01-08,2', 'a,1997-01-06,1']);
    expect(await problems(f)).toEqual([
      { file: f, line: 3, column: 3, message: "customer a: purchase dated 1997-01-03, before the customer's first purchase on 1997-01-05 (line 2); list each customer's purchases in date order" },
      { file: f, line: 6, column: 3, message: "customer a: purchase dated 1997-01-06, before the customer's previous purchase on 1997-01-08 (line 5); list each customer's purchases in date order" },
    ]);
  });
  it('columns: a number out of range, a name without a header, a column that cannot be guessed', async () => {
    const f = file('cols.csv', daily.slice(0, 3));
    expect(await problems(f, { customerColumn: '0' })).toEqual([{ file: f, line: 1, column: 0, message: '--customer-column 0: expected a column number from 1 to 3' }]);
    expect((await problems(f, { dateColumn: '4' }))[0].message).toBe('--date-column 4: expected a column number from 1 to 3');
    const g = file('noheader.txt', ['a 19970101 5']);
    expect((await problems(g, { amountColumn: 'amount' }))[0].message).toBe('--amount-column "amount": no such column (the file has no header line; give a 1-based column number)');
    const h = file('unnamed.csv', ['who,when,much', 'a,1997-01-01,5']);
    expect(await problems(h)).toEqual([{ file: h, line: 1, column: 0, message: 'cannot tell which column holds the date; name it with --date-column (a header name or a 1-based number)' }]);
    const k = file('nonumber.txt', ['a 19970101 b']);
    expect((await problems(k))[0].message).toBe('cannot tell which column holds the amount; name it with --amount-column (a header name or a 1-based number)');
  });
  it('periods: an option that is not a date, a calibration before the first purchase, a hold-out before the calibration end, no rows', async () => {
    const f = file('periods.csv', daily);
    expect(await problems(f, { calibrationEnd: 'soon' })).toEqual([{ file: f, line: 0, column: 0, message: '--calibration-end "soon": expected a date (YYYY-MM-DD or the log\'s iso format)' }]);
    expect((await problems(f, { holdoutEnd: 'later' }))[0].message).toBe('--holdout-end "later": expected a date (YYYY-MM-DD or the log\'s iso format)');
    expect((await problems(f, { calibrationEnd: '1996-12-31' }))[0].message).toBe('empty calibration period: it ends 1996-12-31, before the first purchase in the log (1997-01-01)');
    expect((await problems(f, { calibrationEnd: '1997-01-05', holdoutEnd: '1997-01-04' }))[0].message).toBe('--holdout-end 1997-01-04 is before the end of the calibration period (1997-01-05)');
    // the calibration may end on the first purchase day, and the hold-out on the calibration end
    const s = await readEventLog(f, { unitDays: 1, calibrationEnd: '1997-01-01', holdoutEnd: '1997-01-01' });
    expect([s.calibrationEnd, s.holdoutEnd, s.rfm.ids.length]).toEqual(['1997-01-01', '1997-01-01', 1]);
    const h = file('header-only.csv', ['id,date,amount', '   ']);
    expect(await problems(h)).toEqual([{ file: h, line: 0, column: 0, message: 'expected rows of (customer, date, amount), found none' }]);
  });
});
