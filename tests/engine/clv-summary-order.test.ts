/**
 * One radix sort instead of four comparison sorts in the CLV summaries: `sortedOrder` puts Float32
 * values in exactly the order `Float32Array.prototype.sort` does (−0 before +0, NaN last,
 * subnormals, infinities, ties), and `summariseClv` built on it is bit-identical to sorting each
 * group's run (the previous implementation, kept here as the reference).
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { quantileSorted } from 'simple-statistics';
import { sortedOrder } from '../../src/engine/sorted-order.ts';
import { summariseClv } from '../../src/engine/clv-summary.ts';
import type { ClvSummary } from '../../src/engine/result.ts';

const f32 = fc.oneof(
  { weight: 6, arbitrary: fc.float({ noNaN: false }) },
  { weight: 2, arbitrary: fc.constantFrom(0, -0, 1, -1, Infinity, -Infinity, 1e-45, -1e-45, 3.4e38) },
  { weight: 4, arbitrary: fc.integer({ min: -50, max: 50 }) },
);

const sameBits = (a: Float32Array, b: Float32Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));

function referenceSummary(sorted: Float32Array): ClvSummary {
  const n = sorted.length;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += sorted[i];
  const mean = sum / n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (sorted[i] - mean) ** 2;
  const q = (p: number) => quantileSorted(sorted as unknown as number[], p);
  return { count: n, mean, sd: n > 1 ? Math.sqrt(ss / (n - 1)) : 0, min: sorted[0], p5: q(0.05), p25: q(0.25), p50: q(0.5), p75: q(0.75), p95: q(0.95), max: sorted[n - 1] };
}
function referenceGroups(clv: Float32Array, group: ArrayLike<number>, keyOf: (g: number) => string): Record<string, ClvSummary> {
  const ids = [...new Set(Array.from(group))].sort((a, b) => a - b);
  return Object.fromEntries(ids.map((g) => [keyOf(g), referenceSummary(clv.filter((_v, i) => group[i] === g).sort())]));
}

describe('sortedOrder', () => {
  it('orders Float32 values exactly as Float32Array.prototype.sort', () => {
    fc.assert(
      fc.property(fc.array(f32, { maxLength: 300 }), (xs) => {
        const values = Float32Array.from(xs);
        const order = sortedOrder(values);
        const viaOrder = Float32Array.from(order, (i) => values[i]);
        expect(sameBits(viaOrder, values.slice().sort())).toBe(true);
        expect([...order].sort((a, b) => a - b)).toEqual(xs.map((_x, i) => i)); // a permutation
      }),
      { seed: 1201, numRuns: 300 },
    );
  });

  it('is the stable order (ties by index) on arrays large enough for its radix passes, work array or not, into a given array or not', () => {
    // few distinct binades and many ties, so buckets pass the insertion-sort size and go through the counting passes
    const dense = fc.oneof({ weight: 6, arbitrary: fc.float({ noNaN: true, min: 256, max: 511 }) }, { weight: 1, arbitrary: fc.integer({ min: -3, max: 3 }) }, { weight: 1, arbitrary: fc.constantFrom(0, -0, 300, NaN) });
    fc.assert(
      fc.property(fc.array(dense, { minLength: 200, maxLength: 6000 }), fc.boolean(), fc.boolean(), (xs, withWork, withInto) => {
        const values = Float32Array.from(xs);
        // a longer array than needed, full of stale indices: only its first values.length entries are the order
        const into = withInto ? new Uint32Array(values.length + 7).fill(0xdead) : undefined;
        const order = sortedOrder(values, withWork ? new Uint32Array(values.length) : undefined, into);
        if (into) {
          expect(order.buffer).toBe(into.buffer);
          expect(order.length).toBe(values.length);
          expect(into[values.length]).toBe(0xdead);
        }
        // numeric, −0 before +0, NaN last (after +Infinity), then by index
        const key = (i: number): [number, number] => (Number.isNaN(values[i]) ? [Infinity, 2] : [values[i], Object.is(values[i], -0) ? 0 : 1]);
        const cmp = (a: number, b: number) => {
          const [x, y] = [key(a), key(b)];
          return x[0] !== y[0] ? (x[0] < y[0] ? -1 : 1) : x[1] !== y[1] ? x[1] - y[1] : a - b;
        };
        const stable = xs.map((_x, i) => i).sort(cmp);
        expect([...order]).toEqual(stable);
      }),
      { seed: 1203, numRuns: 60 },
    );
  });
});

describe('summariseClv', () => {
  it('equals sorting every group run, bit for bit', () => {
    const finite = fc.oneof(fc.float({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }), fc.integer({ min: -20, max: 20 }), fc.constantFrom(0, -0));
    fc.assert(
      fc.property(fc.array(fc.tuple(finite, fc.nat({ max: 3 }), fc.nat({ max: 2 }), fc.integer({ min: -1, max: 4 })), { minLength: 1, maxLength: 200 }), (rows) => {
        const clv = Float32Array.from(rows, (r) => r[0]);
        const seg = Uint8Array.from(rows, (r) => r[1]);
        const port = Uint8Array.from(rows, (r) => r[2]);
        const cohort = Int16Array.from(rows, (r) => r[3]);
        const segIds = ['a', 'b', 'c', 'd'], portIds = ['x', 'y', 'z'];
        const got = summariseClv(clv, seg, port, cohort, segIds, portIds);
        const want = {
          all: referenceSummary(clv.slice().sort()),
          bySegment: referenceGroups(clv, seg, (g) => segIds[g]),
          byPortfolio: referenceGroups(clv, port, (g) => portIds[g]),
          byCohort: referenceGroups(clv, cohort, (g) => (g < 0 ? 'initial' : `y${g + 1}`)),
        };
        // Object.is per number: toEqual treats 0 and −0 alike only where both are 0 in the same place
        expect(JSON.stringify(got, (_k, v) => (Object.is(v, -0) ? '-0' : v))).toBe(JSON.stringify(want, (_k, v) => (Object.is(v, -0) ? '-0' : v)));
      }),
      { seed: 1202, numRuns: 200 },
    );
  });

  it('equals sorting every group run on 20,000 customers with ties, zeros and every cohort', () => {
    const n = 20000;
    const clv = new Float32Array(n), seg = new Uint8Array(n), port = new Uint8Array(n), cohort = new Int16Array(n);
    let x = 12345;
    const u = () => ((x = (Math.imul(x, 1103515245) + 12345) >>> 0) / 2 ** 32);
    for (let i = 0; i < n; i++) {
      clv[i] = u() < 0.05 ? 0 : u() < 0.1 ? 250 : Math.round(Math.exp(4 + 2 * u()) * 16) / 16 - 60;
      seg[i] = u() < 0.7 ? 0 : 1;
      port[i] = u() < 0.3 ? 0 : 1;
      cohort[i] = i < 0.7 * n ? -1 : Math.floor(u() * 10);
    }
    const got = summariseClv(clv, seg, port, cohort, ['a', 'b'], ['x', 'y']);
    // the same with the order and the work array lent by the caller (as the engine lends the population's)
    const lent = new Float32Array(2 * n).fill(-1);
    const scratch = { order: new Uint32Array(lent.buffer, 0, n), work: new Uint32Array(lent.buffer, 4 * n, n) };
    expect(JSON.stringify(summariseClv(clv, seg, port, cohort, ['a', 'b'], ['x', 'y'], scratch))).toBe(JSON.stringify(got));
    const want = {
      all: referenceSummary(clv.slice().sort()),
      bySegment: referenceGroups(clv, seg, (g) => ['a', 'b'][g]),
      byPortfolio: referenceGroups(clv, port, (g) => ['x', 'y'][g]),
      byCohort: referenceGroups(clv, cohort, (g) => (g < 0 ? 'initial' : `y${g + 1}`)),
    };
    expect(JSON.stringify(got)).toBe(JSON.stringify(want));
  });
});
