/**
 * Counter-based random numbers for the hot loop.
 *
 * A draw is a pure function of (customer key, step, purpose): `u = fmix32(x + n·φ) / 2³²`
 * where `x = fmix32(key ^ stepSalt[t])` and `n` is a fixed number per purpose (churn,
 * transition, each touchpoint's visit and noise, ...). Two consequences the model relies on:
 * - Common random numbers across strategies: customer i's churn draw in month t is the
 *   same number under every strategy, so paired differences carry only the strategy's
 *   effect, not re-shuffled luck.
 * - No generator state at all: nothing to carry in closures or between threads, and the
 *   population can be split anywhere with identical results.
 * fmix32 is MurmurHash3's 32-bit finaliser (full avalanche); see docs/model.md §1.
 */

/** 2^-32. */
export const INV_2_32 = 2.3283064365386963e-10;
/** The golden-ratio increment 0x9E3779B9 as a signed 32-bit integer. */
export const GOLDEN = -1640531527;

/** MurmurHash3 fmix32: a bijective 32-bit mix with full avalanche. Returns an unsigned 32-bit integer. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Uniform in (0, 1) for draw number `n` of the stream rooted at `x` (never exactly 0 or 1). */
export function uniform(x: number, n: number): number {
  return (fmix32((x + Math.imul(n, GOLDEN)) | 0) + 0.5) * INV_2_32;
}

/** Combines two 32-bit values into a new stream root (order matters). */
export function mix2(a: number, b: number): number {
  return fmix32((fmix32(a) ^ Math.imul(b | 0, 0x27d4eb2f) ^ 0x165667b1) | 0);
}

/**
 * A small sequential source over one stream root, for code outside the per-step hot path
 * (trait draws at creation, which need a variable number of uniforms, e.g. rejection sampling).
 */
export class CounterStream {
  private n = 0;
  constructor(private readonly x: number) {}
  /** The next uniform (an arrow property, so it can be passed around unbound). */
  readonly next = (): number => uniform(this.x, this.n++);
}
