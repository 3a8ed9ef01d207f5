/**
 * The event-log reader's conventions on small hand-made logs whose summaries are known:
 * same-day purchases are one transaction, the first purchase is not a repeat, t_x and T in
 * weeks between dates, hold-out counts, customers acquired after the calibration period left
 * out; CSV with a header, quotes and CRLF line ends; the streamed line reader.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readEventLog } from '../../src/calibrate/event-log.ts';
import { lines } from '../../src/calibrate/line-reader.ts';
import { DataError } from '../../src/calibrate/data-error.ts';

const tmp = mkdtempSync(join(tmpdir(), 'cxsim-elog-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const file = (name: string, text: string) => {
  const p = join(tmp, name);
  writeFileSync(p, text);
  return p;
};

describe('readEventLog', () => {
  const csv = file(
    'log.csv',
    [
      'customer_id,order_date,"net amount"',
      '"A",1997-01-01,10',
      'A,1997-01-01,5', // same day: one transaction with A's first purchase
      'A,1997-01-15,20',
      'A,1997-01-15,4', // same day: one repeat of 24
      'A,1997-01-29,6',
      'A,1997-02-12,100', // after the calibration end: hold-out
      'B,1997-01-08,7',
      'C,1997-02-05,9', // first purchase after the calibration end: left out
    ].join('\r\n'),
  );

  it('summarises each customer by the published conventions', async () => {
    const s = await readEventLog(csv, { calibrationEnd: '1997-02-04', amountColumn: 'net amount' });
    expect(s.header).toEqual(['customer_id', 'order_date', 'net amount']);
    expect(s.rows).toBe(8);
    expect(s.rfm.ids).toEqual(['A', 'B']);
    expect(Array.from(s.rfm.x)).toEqual([2, 0]);
    expect(Array.from(s.rfm.tx)).toEqual([4, 0]); // 1997-01-29 − 1997-01-01 = 28 days
    expect(s.rfm.T[0]).toBeCloseTo(34 / 7, 12); // 1997-02-04 − 1997-01-01
    expect(s.rfm.T[1]).toBeCloseTo(27 / 7, 12);
    expect(Array.from(s.rfm.meanValue)).toEqual([15, 0]); // (24 + 6)/2: the first purchase is not a repeat
    expect(Array.from(s.rfm.holdout)).toEqual([1, 0]);
    expect(s.excludedCustomers).toBe(1);
    expect(s.holdoutEnd).toBe('1997-02-12');
    expect(s.rfm.holdoutLength).toBeCloseTo(8 / 7, 12); // 1997-02-12 − 1997-02-04
    expect(s.firstPurchasesByDay[0]).toBe(1);
    expect(s.firstPurchasesByDay[7]).toBe(1);
    expect(s.repeatByUnit.slice(0, 7)).toEqual([0, 0, 1, 0, 1, 0, 1]);
  });

  it('detects a whitespace log without a header (the CDNOW layout)', async () => {
    const p = file('ws.txt', ' 00001 0001 19970101  1   11.77\n 00001 0001 19970105  2   20.00\n');
    const s = await readEventLog(p, {});
    expect(s.columns).toEqual({ customer: 1, date: 3, amount: 5, segment: null });
    expect(Array.from(s.rfm.meanValue)).toEqual([20]);
  });

  it('asks for --date-format when a date could be m/d or d/m', async () => {
    const p = file('ambiguous.csv', 'id,date,amount\n1,03/04/1997,5\n');
    await expect(readEventLog(p, {})).rejects.toThrow(/could be month\/day or day\/month: pass --date-format mdy or dmy/);
    const s = await readEventLog(p, { dateFormat: 'dmy' });
    expect(s.firstDay).toBe('1997-04-03');
  });

  it('names the columns it knows when a named column is missing', async () => {
    await expect(readEventLog(csv, { amountColumn: 'price' })).rejects.toThrow(DataError);
    await expect(readEventLog(csv, { amountColumn: 'price' })).rejects.toThrow(/no such column \(the header has "customer_id", "order_date", "net amount"\)/);
  });
});

describe('lines', () => {
  it('streams lines with their numbers: CRLF, blank lines, no final newline', async () => {
    const p = file('lines.txt', 'a\r\n\r\nb\nc');
    const got: [string, number][] = [];
    for await (const l of lines(p)) got.push(l);
    expect(got).toEqual([['a', 1], ['', 2], ['b', 3], ['c', 4]]);
  });
  it('keeps characters split across chunks whole', async () => {
    const long = 'é'.repeat(700_000); // 1.4 MB of two-byte characters spans the 1 MiB chunks
    const p = file('utf8.txt', `${long}\nz\n`);
    const got: string[] = [];
    for await (const [l] of lines(p)) got.push(l);
    expect(got.length).toBe(2);
    expect(got[0] === long).toBe(true);
    expect(got[1]).toBe('z');
  });
});
