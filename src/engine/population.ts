/**
 * The customer population as a struct of typed arrays (docs/model.md §3). No per-customer
 * objects: customer i is index i in every array. Acquisitions append at the end; the
 * arrays grow by half again when capacity runs out.
 *
 * Bytes per customer with P pools (P ≤ 8): key 4 + segment 1 + portfolio 1 + stage 1 +
 * alive 1 + acquired step 2 + base hazard 4 + sensitivity 4 + satisfaction 4 + churn and
 * share-of-wallet factors 8 + wallets 4·P + pool masks 2 + discounted value 4
 * = 36 + 4·P (48 bytes for 3 pools).
 */
import type { CompiledModel } from '../model/compile.ts';
import { fmix32, mix2, uniform } from '../random/counter.ts';
import { betaDraw, gammaDraw, gammaShape, lognormalDraw, lognormalShape, type GammaShape, type LognormalShape } from '../random/sampling.ts';
import { POPULATION_LIMIT, PopulationLimitError } from './population-limit.ts';

/** The population's per-customer arrays of one entry per customer (the wallet, `pools` per customer, aside). */
const CUSTOMER_ARRAYS = ['key', 'segment', 'portfolio', 'stage', 'alive', 'acquired', 'hazard', 'sensitivity', 'satisfaction', 'churnFactor', 'sowFactor', 'participates', 'withUs', 'value'] as const;
/** What clone() and survivors() need of any of them. */
interface NumberArray {
  [i: number]: number;
  readonly length: number;
  set(a: ArrayLike<number>): void;
  subarray(begin: number, end: number): NumberArray;
}

export class Population {
  size = 0;
  capacity: number;
  readonly pools: number;
  /** Identity of the customer's random streams (stable across strategies). */
  key: Uint32Array;
  segment: Uint8Array;
  portfolio: Uint8Array;
  stage: Uint8Array;
  alive: Uint8Array;
  /** Step of acquisition; −1 for customers present at month 0. */
  acquired: Int16Array;
  /** Per-step base churn hazard 1 − (1−θ)^(1/stepsPerYear). */
  hazard: Float32Array;
  sensitivity: Float32Array;
  satisfaction: Float32Array;
  /** exp(−β_s·sensitivity·(s − s_ref)): the churn multiplier of the current satisfaction (recomputed only when s changes). */
  churnFactor: Float32Array;
  /** exp(−a_s·sensitivity·(s − s_ref)): the share-of-wallet factor of the current satisfaction (recomputed only when s changes). */
  sowFactor: Float32Array;
  /** Monthly spend at index 1, customer-major: wallet[i * pools + p]. */
  wallet: Float32Array;
  /** Bit p set: the customer participates in pool p (current pool with a wallet, or emerging pool adopted anywhere). */
  participates: Uint8Array;
  /** Bit p set: the customer buys pool p from us. */
  withUs: Uint8Array;
  /** Margin discounted to month 0, accumulated over the horizon (CLV × discount at acquisition). */
  value: Float32Array;

  // The trait stream of the customer being created: one closure for the population, not one per customer.
  private traitRoot = 0;
  private traitDraw = 0;
  private readonly traits = (): number => uniform(this.traitRoot, this.traitDraw++);

  /** The constants of every segment's trait draws, for the model they were computed from. */
  private draws: TraitDraws | null = null;

  /** Customers beyond which add() throws a PopulationLimitError. */
  readonly limit: number;

  constructor(pools: number, capacity: number, limit = POPULATION_LIMIT) {
    if (pools > 8) throw new Error('at most 8 pools are supported');
    this.limit = limit;
    this.pools = pools;
    this.capacity = Math.max(16, Math.min(capacity, limit));
    const c = this.capacity;
    this.key = new Uint32Array(c);
    this.segment = new Uint8Array(c);
    this.portfolio = new Uint8Array(c);
    this.stage = new Uint8Array(c);
    this.alive = new Uint8Array(c);
    this.acquired = new Int16Array(c);
    this.hazard = new Float32Array(c);
    this.sensitivity = new Float32Array(c);
    this.satisfaction = new Float32Array(c);
    this.churnFactor = new Float32Array(c);
    this.sowFactor = new Float32Array(c);
    this.wallet = new Float32Array(c * pools);
    this.participates = new Uint8Array(c);
    this.withUs = new Uint8Array(c);
    this.value = new Float32Array(c);
  }

  /** Bytes held by the arrays per customer slot. */
  static bytesPerCustomer(pools: number): number {
    return 36 + 4 * pools;
  }

  private grow(min: number): void {
    const c = Math.max(min, Math.min(this.limit, Math.ceil(this.capacity * 1.5)));
    const g = <A extends { length: number; set(a: A): void }>(a: A, ctor: new (n: number) => A, per = 1): A => {
      const b = new ctor(c * per);
      b.set(a);
      return b;
    };
    this.key = g(this.key, Uint32Array);
    this.segment = g(this.segment, Uint8Array);
    this.portfolio = g(this.portfolio, Uint8Array);
    this.stage = g(this.stage, Uint8Array);
    this.alive = g(this.alive, Uint8Array);
    this.acquired = g(this.acquired, Int16Array);
    this.hazard = g(this.hazard, Float32Array);
    this.sensitivity = g(this.sensitivity, Float32Array);
    this.satisfaction = g(this.satisfaction, Float32Array);
    this.churnFactor = g(this.churnFactor, Float32Array);
    this.sowFactor = g(this.sowFactor, Float32Array);
    this.wallet = g(this.wallet, Float32Array, this.pools);
    this.participates = g(this.participates, Uint8Array);
    this.withUs = g(this.withUs, Uint8Array);
    this.value = g(this.value, Float32Array);
    this.capacity = c;
  }

  /** An independent copy of the first `size` customers (a run-off from a year end works on a copy). */
  clone(): Population {
    const c = new Population(this.pools, this.size);
    c.size = this.size;
    const n = this.size;
    for (const k of CUSTOMER_ARRAYS) (c[k] as NumberArray).set((this[k] as NumberArray).subarray(0, n));
    c.wallet.set(this.wallet.subarray(0, n * this.pools));
    return c;
  }

  /**
   * An independent copy of the customers alive now, in index order (a year end's run-off works on
   * a copy, and departed customers take no part in it). Same visiting order and the same keys, so
   * a run-off over it gives the same numbers, bit for bit, as over a copy of every slot.
   */
  survivors(): Population {
    const n = this.size, P = this.pools;
    const alive = this.alive;
    let count = 0;
    for (let i = 0; i < n; i++) count += alive[i];
    const kept = new Int32Array(count);
    for (let i = 0, j = 0; i < n; i++) if (alive[i] !== 0) kept[j++] = i;
    const c = new Population(P, count);
    for (const k of CUSTOMER_ARRAYS) {
      const from = this[k] as NumberArray, to = c[k] as NumberArray;
      for (let j = 0; j < count; j++) to[j] = from[kept[j]];
    }
    for (let j = 0; j < count; j++) for (let p = 0; p < P; p++) c.wallet[j * P + p] = this.wallet[kept[j] * P + p];
    c.size = count;
    return c;
  }

  /**
   * Creates a customer of segment `seg`, its traits drawn from its own stream `key`
   * (so the same key gives the same customer under every strategy). `captureAtStart[p]`
   * is the probability that an initial adopter of emerging pool p buys it from us.
   */
  add(m: CompiledModel, seg: number, key: number, acquiredStep: number, stage: number, captureAtStart: Float64Array): number {
    if (this.size >= this.limit) throw new PopulationLimitError(this.limit, acquiredStep - 1);
    if (this.size === this.capacity) this.grow(this.size + 1);
    const i = this.size++;
    const P = this.pools;
    this.traitRoot = mix2(key, 0x5eed);
    this.traitDraw = 0;
    const uf = this.traits;
    this.key[i] = key;
    this.segment[i] = seg;
    this.stage[i] = stage;
    this.alive[i] = 1;
    this.acquired[i] = acquiredStep;
    if (this.draws === null || this.draws.model !== m) this.draws = new TraitDraws(m);
    const d = this.draws;
    const fixed = m.segChurnFixed[seg];
    const theta = Number.isNaN(fixed) ? betaDraw(m.segChurnAlpha[seg], m.segChurnBeta[seg], d.churnAlpha[seg]!, d.churnBeta[seg]!, uf) : fixed;
    this.hazard[i] = theta >= 1 ? 1 : 1 - Math.pow(1 - theta, d.perStep);
    this.sensitivity[i] = lognormalDraw(d.sensitivity[seg], uf);
    const s = m.segInitialSat[seg];
    this.satisfaction[i] = s;
    this.churnFactor[i] = Math.exp(-m.churnSatSens * this.sensitivity[i] * (s - m.satRef));
    this.sowFactor[i] = Math.exp(-m.sowSatSlope * this.sensitivity[i] * (s - m.satRef));
    let part = 0;
    let us = 0;
    for (let p = 0; p < P; p++) {
      const mean = m.segWalletMean[seg * P + p];
      const shape = d.wallet[seg * P + p];
      // gammaMeanCv: Gamma(1/cv²) × mean·cv², or the mean itself when cv ≤ 0
      const w = mean > 0 ? (shape === null ? mean : gammaDraw(shape, uf) * d.walletScale[seg * P + p]) : 0;
      this.wallet[i * P + p] = w;
      if (mean <= 0) continue;
      if (!m.poolEmerging[p]) {
        part |= 1 << p;
        us |= 1 << p;
      } else if (acquiredStep < 0 && uf() < m.initialAdoption[p]) {
        part |= 1 << p;
        if (uf() < captureAtStart[p]) us |= 1 << p;
      }
    }
    this.participates[i] = part;
    this.withUs[i] = us;
    this.value[i] = 0;
    this.portfolio[i] = 0;
    return i;
  }
}

/**
 * The constants of one model's trait draws by segment (and pool), computed once rather than per
 * customer: the same numbers as sampling.ts's beta, lognormalMeanCv and gammaMeanCv compute for
 * every draw, so the customers are the same bit for bit.
 */
class TraitDraws {
  /** 1 / steps per year: the exponent turning an annual churn probability into a per-step hazard. */
  readonly perStep: number;
  readonly churnAlpha: (GammaShape | null)[];
  readonly churnBeta: (GammaShape | null)[];
  readonly sensitivity: LognormalShape[];
  /** Per segment × pool: the Gamma of a wallet (null: the mean itself) and its scale mean/shape. */
  readonly wallet: (GammaShape | null)[];
  readonly walletScale: Float64Array;

  constructor(readonly model: CompiledModel) {
    const m = model;
    const S = m.segmentIds.length, P = m.poolIds.length;
    this.perStep = 1 / m.clock.stepsPerYear;
    const churn = (k: number, shape: number) => (Number.isNaN(m.segChurnFixed[k]) ? gammaShape(shape) : null);
    this.churnAlpha = Array.from({ length: S }, (_x, k) => churn(k, m.segChurnAlpha[k]));
    this.churnBeta = Array.from({ length: S }, (_x, k) => churn(k, m.segChurnBeta[k]));
    this.sensitivity = Array.from({ length: S }, (_x, k) => lognormalShape(m.segSensMean[k], m.segSensCv[k]));
    this.wallet = [];
    this.walletScale = new Float64Array(S * P);
    for (let j = 0; j < S * P; j++) {
      const mean = m.segWalletMean[j], cv = m.segWalletCv[j];
      if (cv <= 0 || mean <= 0) {
        this.wallet.push(null);
        continue;
      }
      const shape = 1 / (cv * cv);
      this.wallet.push(gammaShape(shape));
      this.walletScale[j] = mean / shape;
    }
  }
}

/** Stream key of the i-th customer present at month 0. */
export function initialCustomerKey(replicationKey: number, i: number): number {
  return mix2(replicationKey, fmix32(i + 1));
}

/** Stream key of the k-th customer of segment `seg` acquired at step t. */
export function acquiredCustomerKey(replicationKey: number, t: number, seg: number, k: number): number {
  return mix2(mix2(replicationKey ^ 0x2545f491, (t << 8) | seg), k + 1);
}
