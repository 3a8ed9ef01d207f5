/**
 * The ascending order of Float32 values by a radix sort on their bits, in the same total order as
 * `Float32Array.prototype.sort`: numeric, −0 before +0, NaN last. Sorting the values by this
 * order gives exactly the array that sort gives, so quantiles, sums and every summary computed
 * from it are bit-identical; and, being a permutation, it lets one sort serve every grouping (a
 * stable distribution of the order keeps each group's run sorted). Ties keep index order (stable).
 *
 * Lean on memory: the returned order (4 bytes per value) and a work array only as large as the
 * largest bucket of the first pass. The first pass distributes the indices by the top 11 bits of
 * their keys (sign, exponent and the first two mantissa bits: four buckets per binade); each
 * bucket is then sorted by its low 21 bits, by two LSD passes through the work array (insertion
 * sort below 48 elements). Same order as one stable LSD sort of all 32 bits.
 */

/** Unsigned key whose integer order is the sort order of the float with these bits. */
function sortKey(bits: number, value: number): number {
  if (value !== value) return 0xffffffff; // every NaN last
  return (bits & 0x80000000) !== 0 ? ~bits >>> 0 : (bits | 0x80000000) >>> 0;
}

const TOP_SHIFT = 21, TOP_BUCKETS = 1 << 11;
const LOW_RADIX = 11, LOW_BUCKETS = 1 << LOW_RADIX, LOW_MASK = LOW_BUCKETS - 1;
/** Buckets smaller than this are sorted by insertion. */
const SMALL = 48;

/**
 * Ascending order of `values`; `work` (any length; reused when large enough for the largest bucket)
 * is scratch; `into` (at least as long as `values`), when given, receives the order in its first
 * values.length entries (returned as that subarray) instead of a new array.
 */
export function sortedOrder(values: Float32Array, work?: Uint32Array, into?: Uint32Array): Uint32Array {
  const n = values.length;
  const bits = new Uint32Array(values.buffer, values.byteOffset, n);
  if (into && into.length < n) throw new Error(`sortedOrder: \`into\` holds ${into.length} of ${n} values`);
  const order = into ? into.subarray(0, n) : new Uint32Array(n);
  // first pass: by the top 11 bits, stable
  const start = new Float64Array(TOP_BUCKETS + 1);
  for (let i = 0; i < n; i++) start[(sortKey(bits[i], values[i]) >>> TOP_SHIFT) + 1]++;
  let largest = 0;
  for (let b = 0; b < TOP_BUCKETS; b++) {
    if (start[b + 1] > largest) largest = start[b + 1];
    start[b + 1] += start[b];
  }
  const fill = start.slice(0, TOP_BUCKETS);
  for (let i = 0; i < n; i++) order[fill[sortKey(bits[i], values[i]) >>> TOP_SHIFT]++] = i;
  // then each bucket by its low 21 bits
  const tmp = work && work.length >= largest ? work : new Uint32Array(largest);
  const count = new Uint32Array(LOW_BUCKETS);
  for (let b = 0; b < TOP_BUCKETS; b++) {
    const lo = start[b], hi = start[b + 1];
    if (hi - lo < 2) continue;
    if (hi - lo < SMALL) {
      insertionSort(order, lo, hi, bits, values);
      continue;
    }
    // bits 0–10: order[lo, hi) → tmp[0, m); bits 11–20: tmp → order[lo, hi)
    lowPass(order, lo, hi, tmp, 0, bits, values, count, 0);
    lowPass(tmp, 0, hi - lo, order, lo, bits, values, count, LOW_RADIX);
  }
  return order;
}

/** One stable counting pass of `from[a, b)` into `to[at, …)` by the key bits shift…shift+10 (below bit 21). */
function lowPass(from: Uint32Array, a: number, b: number, to: Uint32Array, at: number, bits: Uint32Array, values: Float32Array, count: Uint32Array, shift: number): void {
  const mask = shift === 0 ? LOW_MASK : (1 << (TOP_SHIFT - LOW_RADIX)) - 1;
  count.fill(0);
  for (let j = a; j < b; j++) {
    const i = from[j];
    count[(sortKey(bits[i], values[i]) >>> shift) & mask]++;
  }
  let sum = at;
  for (let k = 0; k <= mask; k++) {
    const c = count[k];
    count[k] = sum;
    sum += c;
  }
  for (let j = a; j < b; j++) {
    const i = from[j];
    to[count[(sortKey(bits[i], values[i]) >>> shift) & mask]++] = i;
  }
}

/** Stable insertion sort of order[a, b) by key (ties keep their order: indices ascending). */
function insertionSort(order: Uint32Array, a: number, b: number, bits: Uint32Array, values: Float32Array): void {
  for (let j = a + 1; j < b; j++) {
    const i = order[j];
    const k = sortKey(bits[i], values[i]);
    let p = j - 1;
    while (p >= a) {
      const q = order[p];
      if (sortKey(bits[q], values[q]) <= k) break;
      order[p + 1] = q;
      p--;
    }
    order[p + 1] = i;
  }
}
