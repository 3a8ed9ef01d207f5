/**
 * Review of src/calibrate (review-edges): edge cases the published-fit tests do not reach.
 * The T = 0 tests failed before their fix (see /work/notes/review-edges.md); the byte-order-mark
 * tests are regressions guards (they passed: fields are trimmed, and trim() removes U+FEFF).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readEventLog } from '../../src/calibrate/event-log.ts';
import { readBgBbTable } from '../../src/calibrate/tables.ts';
import { bgnbdRateClasses } from '../../src/calibrate/segments.ts';
import { goodnessOfFitCsv } from '../../src/calibrate/output.ts';
import type { CalibrationResult } from '../../src/calibrate/calibration.ts';
import { bgnbdConditional, bgnbdExpected, bgnbdPmf, type BgNbdParams } from '../../src/calibrate/bgnbd.ts';
import { bgnbdHistogram } from '../../src/calibrate/goodness-of-fit.ts';
import type { RfmData } from '../../src/calibrate/rfm.ts';

const bg: BgNbdParams = { r: 0.243, alpha: 4.414, a: 0.793, b: 2.426 };

describe('BG/NBD at T = 0 (a customer acquired on the last day of the calibration period)', () => {
  it('P(X(0) = x) is 1 at x = 0 and 0 above, not NaN', () => {
    expect(bgnbdPmf(bg, 0, 3)).toEqual([1, 0, 0, 0]);
  });
  it('the frequency histogram stays finite when such a customer is in the data', () => {
    const d: RfmData = {
      ids: ['new', 'old'],
      x: Float64Array.from([0, 1]),
      tx: Float64Array.from([0, 2]),
      T: Float64Array.from([0, 5]),
      meanValue: Float64Array.from([0, 3]),
      holdout: Float64Array.from([0, 0]),
      holdoutLength: 0,
    };
    const h = bgnbdHistogram(bg, d);
    for (const row of h) expect(Number.isFinite(row.expected)).toBe(true);
    // the new customer adds exactly 1 expected customer to bucket 0
    const old = bgnbdPmf(bg, 5, 6);
    expect(h[0].expected).toBeCloseTo(1 + old[0], 12);
    expect(h.reduce((s, r) => s + r.expected, 0)).toBeCloseTo(2, 12);
  });
});

const tmp = mkdtempSync(join(tmpdir(), 'cxsim-review-edges-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));
const file = (name: string, text: string) => {
  const p = join(tmp, name);
  writeFileSync(p, text);
  return p;
};

describe('files saved as "CSV UTF-8" by spreadsheets start with a byte-order mark', () => {
  it('an event log with a BOM before its header "id" is read like one without', async () => {
    const rows = ['id,date,amount', '1,1997-01-01,10', '1,1997-01-15,20', '2,1997-01-08,7'];
    const plain = await readEventLog(file('plain.csv', rows.join('\n')), {});
    const bom = await readEventLog(file('bom.csv', `\uFEFF${rows.join('\n')}`), {});
    expect(bom.header).toEqual(['id', 'date', 'amount']);
    expect(bom.rfm.ids).toEqual(plain.rfm.ids);
    expect(Array.from(bom.rfm.x)).toEqual([1, 0]);
  });
  it('a header-less log with a BOM keeps its first customer whole (one customer, not two)', async () => {
    const s = await readEventLog(file('bom-noheader.txt', '\uFEFF00001 19970101 10\n00001 19970115 20\n'), {});
    expect(s.rfm.ids).toEqual(['00001']);
    expect(Array.from(s.rfm.x)).toEqual([1]);
  });
  it('a BG/BB table with a BOM finds its frequency column', async () => {
    const t = await readBgBbTable(file('bom-bgbb.csv', '\uFEFFfrequency,recency,periods,count\n0,0,6,10\n1,1,6,5\n'), {});
    expect(t[0].rows).toEqual([
      { frequency: 0, recency: 0, periods: 6, count: 10 },
      { frequency: 1, recency: 1, periods: 6, count: 5 },
    ]);
  });
});

describe('BG/NBD conditional expectation for a very frequent buyer', () => {
  // (α+T)/(α+T+t) to the power r+x underflows to 0 and ₂F₁(r+x, b+x; …) overflows to ∞ when
  // x·ln((α+T+t)/(α+T)) > ~709: 0·∞ was NaN (x ≈ 1,100 at t = T = 39 weeks)
  const T = 39, t = 39;
  it.each([1200, 2000, 5000])('E[Y(t) | x = %i, t_x ≈ T] is finite, positive and below the alive-for-sure bound (r+x)/(α+T)·t', (x) => {
    const e = bgnbdConditional(bg, t, x, T - 0.1, T);
    expect(Number.isFinite(e)).toBe(true);
    expect(e).toBeGreaterThan(0);
    expect(e).toBeLessThan(((bg.r + x) / (bg.alpha + T)) * t);
  });
  it('rises with x at the same recency (more purchases, same last purchase: a heavier buyer)', () => {
    const xs = [10, 100, 500, 1000, 1100, 1200, 1500, 2000, 3000];
    const e = xs.map((x) => bgnbdConditional(bg, t, x, T - 0.1, T));
    for (let k = 1; k < e.length; k++) expect(e[k]).toBeGreaterThan(e[k - 1]);
  });
});

describe('BG/NBD purchase-rate classes when most customers never repeat (small r)', () => {
  // with r ≈ 0.05 the lowest classes' λ (and θ) are ~1e-20: their variance was floored at 1e-12,
  // above m(1−m), and betaFromMoments threw "no Beta has mean 3e-21 and variance 1e-12"
  const gg = { p: 6.25, q: 3.74, gamma: 15.44 };
  it.each([0.05, 0.01, 0.003])('r = %f: every class gets a valid churn Beta with the class mean', (r) => {
    const classes = bgnbdRateClasses({ r, alpha: 0.5, a: 0.6, b: 2 }, gg, { unitsPerYear: 365.25 / 7, classes: 10, draws: 40_000, seed: 1 });
    for (const c of classes) {
      expect(c.churn.alpha).toBeGreaterThan(0);
      expect(c.churn.beta).toBeGreaterThan(0);
      expect(Number.isFinite(c.churn.alpha) && Number.isFinite(c.churn.beta)).toBe(true);
      expect(Number.isFinite(c.walletCv) && Number.isFinite(c.rateCv)).toBe(true);
      const mean = c.churn.alpha / (c.churn.alpha + c.churn.beta);
      if (c.churnMean > 1e-9) expect(mean / c.churnMean).toBeCloseTo(1, 6);
      else expect(mean).toBeLessThan(1e-9);
    }
  });
});

describe('a log whose lines end with a carriage return only (classic Mac "CSV")', () => {
  // it was read as one long line: a "customer" called "id" with one purchase, and a fit on it
  it('is refused with a clear message, not read as one row', async () => {
    const p = file('cr.csv', ['id,date,amount', '1,1997-01-01,10', '1,1997-02-01,20', '2,1997-01-05,5'].join('\r'));
    await expect(readEventLog(p, {})).rejects.toThrow(/carriage return/);
    await expect(readBgBbTable(file('cr-bgbb.csv', 'frequency,recency,periods,count\r0,0,6,10\r1,1,6,5\r'), {})).rejects.toThrow(/carriage return/);
  });
  it('CRLF files are still read (the carriage return before each line feed is dropped)', async () => {
    const s = await readEventLog(file('crlf.csv', ['id,date,amount', '1,1997-01-01,10', '1,1997-02-01,20', '2,1997-01-05,5'].join('\r\n')), {});
    expect(s.rfm.ids).toEqual(['1', '2']);
  });
});

describe('column detection by header name in an order-level export', () => {
  // "order_id" matched the customer pattern (_id$) before "customer_id": every order became a
  // customer with one purchase and no repeats, silently; "unit_price" matched before "total"
  const rows = ['order_id,customer_id,order_date,quantity,unit_price,total', '101,A,1997-01-01,2,5,10', '102,A,1997-01-15,1,20,20', '103,B,1997-01-08,1,7,7', '104,A,1997-01-29,3,2,6'];
  it('takes the customer column over an order id', async () => {
    const s = await readEventLog(file('orders.csv', rows.join('\n')), {});
    expect(s.columns.customer).toBe(2);
    expect(s.rfm.ids).toEqual(['A', 'B']);
    expect(Array.from(s.rfm.x)).toEqual([2, 0]);
  });
  it('takes the line total over the unit price as the amount', async () => {
    const s = await readEventLog(file('orders2.csv', rows.join('\n')), {});
    expect(s.columns.amount).toBe(6);
    expect(s.rfm.meanValue[0]).toBeCloseTo((20 + 6) / 2, 12);
  });
});

describe('goodness-of-fit.csv: group names come from the data', () => {
  // a segment value such as =HYPERLINK(...) was written as is: a spreadsheet runs it as a formula
  it('a group name that starts like a formula is written as text', () => {
    const r = {
      model: 'sbg', data: {}, assumptions: [], segments: {}, pool: 'core',
      groups: [{ group: '=HYPERLINK("http://example.invalid","x")', customers: 1, models: [], survival: [{ period: 0, part: 'calibration', observed: 1, expected: 1, observedRetention: null, expectedRetention: null }] }],
    } as unknown as CalibrationResult;
    const line = goodnessOfFitCsv(r).split('\n')[1];
    expect(line.startsWith('"\'=HYPERLINK(')).toBe(true);
    for (const g of ['+1', '-x', '@SUM(A1)', '\tx']) {
      const text = goodnessOfFitCsv({ ...r, groups: [{ ...r.groups[0], group: g }] }).split('\n')[1];
      expect(text.replace(/^"/, '').startsWith("'")).toBe(true);
    }
    expect(goodnessOfFitCsv({ ...r, groups: [{ ...r.groups[0], group: 'north' }] }).split('\n')[1].startsWith('north,')).toBe(true);
  });
});
