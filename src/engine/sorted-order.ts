/**
 * The ascending order of Float32 values by an LSD radix sort on their bits (three passes of 11
 * bits), in the same total order as `Float32Array.prototype.sort`: numeric, −0 before +0, NaN
 * last. Sorting the values by this order gives exactly the array that sort gives, so quantiles,
 * sums and every summary computed from it are bit-identical; and, being a permutation, it lets
 * one sort serve every grouping (a stable distribution of the order keeps each group's run sorted).
 *
 * Memory: the returned order (4 bytes per value) and one work array of the same size, which the
 * caller may pass in (e.g. the buffer of a Float32 scratch it needs afterwards) and reuse.
 */

/** Unsigned key whose integer order is the sort order of the float with these bits. */
function sortKey(bits: number, value: number): number {
  if (value !== value) return 0xffffffff; // every NaN last
  return (bits & 0x80000000) !== 0 ? ~bits >>> 0 : (bits | 0x80000000) >>> 0;
}

const RADIX = 11, BUCKETS = 1 << RADIX, MASK = BUCKETS - 1;

/** Ascending order of `values`; `work` (length ≥ n, overwritten) is scratch the caller may reuse afterwards. */
export function sortedOrder(values: Float32Array, work: Uint32Array = new Uint32Array(values.length)): Uint32Array {
  const n = values.length;
  const bits = new Uint32Array(values.buffer, values.byteOffset, n);
  const result = new Uint32Array(n);
  const count = new Uint32Array(BUCKETS);
  // three passes: identity → result → work → result; keys recomputed from the values each pass
  let from: Uint32Array | null = null;
  let to: Uint32Array = result;
  for (let shift = 0; shift < 32; shift += RADIX) {
    count.fill(0);
    for (let j = 0; j < n; j++) {
      const i = from === null ? j : from[j];
      count[(sortKey(bits[i], values[i]) >>> shift) & MASK]++;
    }
    let sum = 0;
    for (let b = 0; b < BUCKETS; b++) {
      const c = count[b];
      count[b] = sum;
      sum += c;
    }
    for (let j = 0; j < n; j++) {
      const i = from === null ? j : from[j];
      to[count[(sortKey(bits[i], values[i]) >>> shift) & MASK]++] = i;
    }
    from = to;
    to = to === result ? work : result;
  }
  return from!;
}
