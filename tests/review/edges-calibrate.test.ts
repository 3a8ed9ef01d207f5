/**
 * Review of src/calibrate (review-edges): edge cases the published-fit tests do not reach.
 * Each test failed before its fix (see /work/notes/review-edges.md).
 */
import { describe, expect, it } from 'vitest';
import { bgnbdPmf, type BgNbdParams } from '../../src/calibrate/bgnbd.ts';
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
