/**
 * Bounds that keep the engine finite (issue 10): combinations of parameters that each pass
 * the schema but together make the engine's arithmetic overflow, underflow into 0·∞ or
 * 0/0, or grow the population without bound. Every check follows an equation of
 * docs/model.md (section named in the comment) evaluated at the extremes of each parameter's
 * range of draws (src/scenario/draw-range.ts), and names the parameters and what is expected.
 *
 * Limits of double and single precision used below:
 * - F64_MAX ≈ 1.8e308, ln F64_MAX ≈ 709.78: `exp(x)` is finite for x < 709.78.
 * - F32_MAX ≈ 3.4e38, ln F32_MAX ≈ 88.72: per-customer state (wallets, churn and
 *   share-of-wallet factors, the discounted-value accumulator) is Float32 (§3.2, §10.2).
 * - TOTAL_LIMIT = 1e150: firm-level money (equity, costs) enters squares (variances,
 *   paired differences over up to 100 000 replications), so |x| ≤ 1e150 keeps
 *   Σx² ≤ 1e5·1e300 < F64_MAX.
 */
import type { Finding, PathSegment } from './errors.ts';
import type { Param, Scenario } from './schema.ts';
import { paramHi, paramLo, paramRange, Z_MAX } from './draw-range.ts';
import { populationBound } from './memory.ts';

export const F64_MAX = Number.MAX_VALUE;
export const F32_MAX = 3.4028234663852886e38;
export const LN_F64_MAX = Math.log(F64_MAX);
export const LN_F32_MAX = Math.log(F32_MAX);
/** Largest firm-level amount of money a run may reach (see the header). */
export const TOTAL_LIMIT = 1e150;
/** Largest per-customer value (Float32 accumulator), with a factor 2 for rounding. */
export const CUSTOMER_LIMIT = F32_MAX / 2;

const fmt = (x: number): string => (Number.isFinite(x) ? Number(x.toPrecision(3)).toString() : x > 0 ? '∞' : x < 0 ? '-∞' : 'NaN');
const abs = (p: Param): number => Math.max(Math.abs(paramLo(p)), Math.abs(paramHi(p)));

/**
 * Largest draw of Gamma(shape) by the sampler of src/random/sampling.ts (Marsaglia–Tsang:
 * d·(1 + c·z)³ with d = shape − 1/3, c = 1/√(9d), |z| ≤ Z_MAX; below shape 1 the draw of
 * shape + 1 times u^(1/shape) ≤ 1).
 */
export function gammaMax(shape: number): number {
  const k = shape < 1 ? shape + 1 : shape;
  const d = k - 1 / 3;
  return d * (1 + Z_MAX / (3 * Math.sqrt(d))) ** 3;
}

/**
 * Range of a draw of `gammaMeanCv(mean, cv)` (§3.1: wallets): NaN when the arithmetic is
 * not finite. shape = 1/cv² must be a positive finite number (cv·cv neither 0 nor ∞ when
 * cv > 0), and mean/shape must be finite.
 */
export function walletMax(meanHi: number, cvLo: number, cvHi: number): number {
  if (meanHi <= 0) return 0;
  let worst = meanHi;
  for (const cv of [cvLo, cvHi]) {
    if (cv <= 0) continue;
    const shape = 1 / (cv * cv);
    if (!(shape > 0) || !Number.isFinite(shape)) return NaN;
    const scale = meanHi / shape;
    if (!Number.isFinite(scale)) return NaN;
    worst = Math.max(worst, scale * gammaMax(shape));
  }
  return worst;
}

/** Largest of `lognormalMeanCv(mean, cv)` (§3.1: CX sensitivity), NaN when not finite. */
export function lognormalMax(meanHi: number, cvHi: number): number {
  if (cvHi <= 0 || meanHi <= 0) return Math.max(0, meanHi);
  const s2 = Math.log(1 + cvHi * cvHi);
  const x = meanHi * Math.exp(-0.5 * s2 + Math.sqrt(s2) * Z_MAX);
  return Number.isFinite(x) ? x : NaN;
}

/** The per-step discount rate d = 1/δ − 1 with δ = (1 + r)^(−1/spy), as the engine computes it (§1.4). */
export function stepDiscountRate(annualRate: number, stepsPerYear: number): number {
  return 1 / Math.pow(1 + annualRate, -1 / stepsPerYear) - 1;
}

/** Upper bound of the wallet index of a pool over the horizon (§2.1–2.2), and where it comes from. */
function indexBound(scenario: Scenario, poolId: string): number {
  const pool = scenario.pools[poolId];
  const t = pool.wallet.trajectory;
  const years = scenario.meta.horizonMonths / 12;
  let traj = 1;
  switch (t.type) {
    case 'constant':
      traj = 1;
      break;
    case 'cagr': {
      const [lo, hi] = paramRange(t.rate);
      traj = Math.max(1, Math.pow(1 + hi, years), Math.pow(1 + lo, years));
      break;
    }
    case 'logistic': {
      // f(m) = from·(1 − w(m)) + to·w(m), w ∈ (0, 1), from, to ≥ 0: f(m)/f(0) ≤ max((1 − w)/(1 − w0), w/w0)
      // ≤ max(1/(1 − w0), 1/w0), and also ≤ (from + to)/(from·(1 − w0)) or (from + to)/(to·w0)
      const [fromLo, fromHi] = paramRange(t.from);
      const [toLo, toHi] = paramRange(t.to);
      traj = 0;
      for (const steep of paramRange(t.steepness)) {
        for (const mid of paramRange(t.midpointMonth)) {
          const w0 = 1 / (1 + Math.exp((steep * mid) / 12));
          const byWeights = Math.max(1 / (1 - w0), 1 / w0);
          const byFrom = fromLo > 0 ? (fromHi + toHi) / (fromLo * (1 - w0)) : Infinity;
          const byTo = toLo > 0 ? (fromHi + toHi) / (toLo * w0) : Infinity;
          traj = Math.max(traj, Math.min(byWeights, byFrom, byTo));
        }
      }
      if (fromHi === 0 && toHi === 0) traj = 0;
      break;
    }
    case 'points': {
      traj = 0;
      for (const [, v] of t.points) traj = Math.max(traj, v);
      break;
    }
  }
  let shocks = 1;
  for (const s of pool.wallet.shocks) shocks *= Math.max(1, paramHi(s.factor));
  // L(t) ~ N(−tσ²/2, tσ²) exactly (a sum of t normals): |L| ≤ σ_year·√years·Z_MAX except with probability ~1e−15
  const walk = Math.exp(paramHi(pool.wallet.volatility) * Math.sqrt(years) * Z_MAX);
  let stress = 1;
  for (const st of Object.values(scenario.stresses)) {
    for (const sh of st.shocks) {
      if (sh.kind === 'poolCollapse' && sh.pool === poolId) stress *= Math.max(1, paramHi(sh.factor));
      if (sh.kind === 'recession') stress *= Math.max(1, paramHi(sh.walletFactor));
    }
  }
  return traj * shocks * walk * stress;
}

/** Largest total lever spend over the horizon (budget, schedules), per firm, before stresses (§7.1, §7.4). */
function spendBound(scenario: Scenario): number {
  let worst = 0;
  const years = Math.ceil(scenario.meta.horizonMonths / 12);
  for (const st of Object.values(scenario.strategies)) {
    const perYear = Array.isArray(st.budget.perYear) ? st.budget.perYear : [st.budget.perYear];
    let total = 0;
    for (let y = 0; y < years; y++) total += paramHi(perYear[Math.min(y, perYear.length - 1)] as Param);
    for (const points of Object.values(st.schedules)) {
      let top = 0;
      for (const [, v] of points) top = Math.max(top, Math.abs(v));
      total += top * scenario.meta.horizonMonths;
    }
    worst = Math.max(worst, total);
  }
  return worst;
}

/** The bound checks; each finding names the parameters and what is expected. */
export function boundsFindings(scenario: Scenario): Finding[] {
  // A zero discount rate is refused only where it makes a value infinite: the valuation checks
  // (src/scenario/valuation-checks.ts) name the parameters of a perpetuity or run-off that diverges.
  const out: Finding[] = [];
  const add = (path: PathSegment[], message: string) => out.push({ path, message, at: 'value' });
  const b = scenario.behaviour;
  const months = scenario.meta.horizonMonths;
  const spy = scenario.meta.stepsPerYear;
  const dt = 12 / spy;
  const T = Math.max(1, Math.round(months / dt));

  // §2.5 capture: exp(κ·R) with R ∈ [0, 1]; §5.4 pull: exp(−β_c·(ourCX − compCX)) with both in [0, 1]
  if (!(b.captureSensitivity < LN_F64_MAX)) add(['behaviour', 'captureSensitivity'], `expected a capture sensitivity below ${fmt(LN_F64_MAX)} (exp(κ·readiness) must stay a finite number), found ${b.captureSensitivity}`);
  if (!(b.competitivePull < LN_F64_MAX)) add(['behaviour', 'competitivePull'], `expected a competitive pull below ${fmt(LN_F64_MAX)} (exp(−β_c·(ourCX − competitorCX)) must stay a finite number), found ${b.competitivePull}`);
  // §2.6 share of wallet: exp(−(logit b + a_r·(R − 0.5))) must stay finite and positive
  const logitB = Math.abs(Math.log(b.shareOfWallet.base / (1 - b.shareOfWallet.base)));
  if (!(logitB + 0.5 * b.shareOfWallet.readinessSlope < LN_F64_MAX)) {
    add(['behaviour', 'shareOfWallet', 'readinessSlope'], `expected |logit(shareOfWallet.base)| + readinessSlope/2 below ${fmt(LN_F64_MAX)} (the share-of-wallet logit must stay finite), found ${fmt(logitB + 0.5 * b.shareOfWallet.readinessSlope)}`);
  }

  // §4.4, §4.5, §5.2, §5.3: the largest |experience| and |satisfaction|, which is a Float32 (§3.2)
  let satBlame: { path: PathSegment[]; size: number } = { path: ['behaviour', 'satisfactionMemory'], size: 0 };
  const satTerm = (path: PathSegment[], size: number) => {
    if (!(size <= satBlame.size)) satBlame = { path, size };
    return size;
  };
  let boostMax = 0;
  for (const [qid, pf] of Object.entries(scenario.portfolios)) boostMax = Math.max(boostMax, satTerm(['portfolios', qid, 'treatment', 'experienceBoost'], abs(pf.treatment.experienceBoost)));
  for (const l of Object.values(scenario.levers)) if (l.kind === 'portfolioTreatment') boostMax += 1; // each lever's effect is at most max ≤ 1
  const wf = scenario.workforce;
  const sqMax = 1; // SQ and AQ are clamped to [0, 1]
  let expMax = 1; // friction in [0, 1]
  for (const [jid, j] of Object.entries(scenario.journeys)) {
    for (const [sid, st] of Object.entries(j.stages)) {
      for (const [tid, tp] of Object.entries(st.touchpoints)) {
        const at: PathSegment[] = ['journeys', jid, 'stages', sid, 'touchpoints', tid];
        expMax = Math.max(expMax, satTerm([...at, 'baseQuality'], abs(tp.baseQuality)) + abs(tp.serviceWeight) * sqMax + 1 + satTerm([...at, 'noise'], paramHi(tp.noise) * Z_MAX));
      }
    }
  }
  const contact = wf
    ? satTerm(['workforce', 'contact', 'baseQuality'], abs(wf.contact.baseQuality)) + abs(wf.contact.serviceWeight) + satTerm(['workforce', 'automation', 'frictionAtZeroQuality'], abs(wf.automation.frictionAtZeroQuality)) + satTerm(['workforce', 'contact', 'noise'], paramHi(wf.contact.noise) * Z_MAX)
    : 0.45 + 0.4 + 0.15 * Z_MAX;
  expMax = Math.max(expMax, contact) + boostMax;
  let offerBoost = 0;
  for (const [lid, l] of Object.entries(scenario.levers)) if (l.kind === 'retentionOffer') offerBoost = Math.max(offerBoost, satTerm(['levers', lid, 'offer', 'satisfactionBoost'], paramHi(l.offer.satisfactionBoost)));
  let initSat = 0;
  for (const [gid, g] of Object.entries(scenario.segments)) initSat = Math.max(initSat, satTerm(['segments', gid, 'initialSatisfaction'], abs(g.initialSatisfaction)));
  const lambda = b.satisfactionMemory;
  // s ← λ·s + (1 − λ)·e (+ an offer's boost): |s| ≤ max(|s0|, max|e|) + boost/(1 − λ); with λ = 1, s never changes and no offer triggers
  const satMax = lambda >= 1 ? initSat : Math.max(initSat, expMax) + offerBoost / (1 - lambda);
  if (!(satMax < CUSTOMER_LIMIT)) {
    add(satBlame.path, `expected experiences and satisfaction within ±${fmt(CUSTOMER_LIMIT)} (satisfaction is a Float32 per customer): base quality + service weight + friction + boosts + noise × ${fmt(Z_MAX)} (and offer boosts ÷ (1 − satisfactionMemory)) reach ${fmt(satMax)}`);
  }

  // §3.1, §5.2: the Float32 churn and share-of-wallet factors exp(−β·σ·(s − s_ref)) may overflow to ∞
  // for a very dissatisfied, very sensitive customer; that is harmless — the hazard is capped at 1
  // (and a factor of 0 elsewhere in it, θ = 0 or a multiplier of 0, wins: src/engine/customer-step.ts),
  // and the margin's w/(1 + ∞·sowC) is 0 because sowC is positive (checked above) — as long as the
  // log-normal sensitivity itself is a finite number.
  for (const [gid, g] of Object.entries(scenario.segments)) {
    const sens = lognormalMax(paramHi(g.cxSensitivity.mean), paramHi(g.cxSensitivity.cv));
    if (!Number.isFinite(sens)) {
      add(['segments', gid, 'cxSensitivity', 'cv'], `expected a CX-sensitivity spread whose log-normal draws are finite numbers, found mean ${fmt(paramHi(g.cxSensitivity.mean))} with cv ${fmt(paramHi(g.cxSensitivity.cv))}`);
    }
  }

  // §7.1 Hill response: capital^n and scale^n must stay finite, and scale^n above 0
  const capitalMax = spendBound(scenario);
  for (const [lid, l] of Object.entries(scenario.levers)) {
    const r = l.response;
    const eff = paramHi(l.efficiency);
    const cap = eff * capitalMax;
    const base: PathSegment[] = ['levers', lid];
    if (!Number.isFinite(cap)) add([...base, 'efficiency'], `expected efficiency × the largest spend over the horizon (${fmt(capitalMax)}) to be a finite amount of capital, found ${fmt(cap)}`);
    if (r.curve !== 'hill') continue;
    const n = paramHi(r.shape);
    const [sLo, sHi] = paramRange(r.scale);
    const top = Math.pow(Math.max(sHi, cap, 1), n);
    const bottom = Math.pow(sLo, n);
    if (!Number.isFinite(top) || !(bottom > 0)) {
      add([...base, 'response', 'shape'], `expected a Hill shape n with capital^n and scale^n finite and positive (capital up to ${fmt(Math.max(cap, sHi))}, scale down to ${fmt(sLo)}: n at most ${fmt(Math.min(LN_F64_MAX / Math.log(Math.max(sHi, cap, 1 + 1e-12)), sLo < 1 ? 744 / -Math.log(sLo) : Infinity))}), found ${fmt(n)}`);
    }
  }

  // §3.1 wallets (Float32) and §2.7 the margin of a customer-step
  const indexMax = new Map<string, number>();
  for (const [pid] of Object.entries(scenario.pools)) {
    const ix = indexBound(scenario, pid);
    indexMax.set(pid, ix);
    // the index is a series itself (walletIndex.<p>), averaged and squared across replications like money
    if (!(ix < TOTAL_LIMIT)) add(['pools', pid, 'wallet'], `expected a wallet index below ${fmt(TOTAL_LIMIT)} over the horizon (trajectory × shocks × volatility walk e^(σ·√years·${fmt(Z_MAX)}) × stresses; its series is averaged and squared across replications), found it can reach ${fmt(ix)}`);
  }
  // the largest term of the margin names the parameter to blame
  let biggest: { path: PathSegment[]; size: number } = { path: ['meta', 'discountRate'], size: 0 };
  const term = (path: PathSegment[], size: number) => {
    if (!(size <= biggest.size)) biggest = { path, size };
    return size;
  };
  let visitCosts = 0;
  for (const [jid, j] of Object.entries(scenario.journeys)) {
    for (const [sid, st] of Object.entries(j.stages)) {
      for (const [tid, tp] of Object.entries(st.touchpoints)) visitCosts += term(['journeys', jid, 'stages', sid, 'touchpoints', tid, 'costPerVisit'], paramHi(tp.costPerVisit));
    }
  }
  let marginMax = visitCosts;
  for (const [gid, g] of Object.entries(scenario.segments)) {
    let m = visitCosts;
    for (const [pid, w] of Object.entries(g.wallet)) {
      const pool = scenario.pools[pid];
      if (!pool) continue;
      const wmax = walletMax(paramHi(w.mean), paramLo(w.cv), paramHi(w.cv));
      const at: PathSegment[] = ['segments', gid, 'wallet', pid];
      if (!(wmax < CUSTOMER_LIMIT)) {
        add([...at, Number.isNaN(wmax) ? 'cv' : 'mean'], Number.isNaN(wmax)
          ? `expected a wallet cv of 0 or in [1e-154, 1e154] with mean × cv² finite (the Gamma draw has shape 1/cv² and scale mean·cv²), found cv ${fmt(paramLo(w.cv))}…${fmt(paramHi(w.cv))} with mean ${fmt(paramHi(w.mean))}`
          : `expected wallet draws below ${fmt(CUSTOMER_LIMIT)} (a Float32 per customer), found the largest draw of mean ${fmt(paramHi(w.mean))} with cv ${fmt(paramHi(w.cv))} is ${fmt(wmax)}`);
        continue;
      }
      m += term([...at, 'mean'], wmax * (indexMax.get(pid) ?? 1) * dt * paramHi(pool.marginRate));
      m += term(['pools', pid, 'costToServe'], paramHi(pool.costToServe) * dt);
    }
    marginMax = Math.max(marginMax, m);
  }
  for (const [pid, pool] of Object.entries(scenario.pools)) marginMax = Math.max(marginMax, visitCosts + term(['pools', pid, 'costToServe'], paramHi(pool.costToServe) * dt));

  // §8 per-customer value (Float32): Σ_t |m|·D[t] + TV ≤ |m|·(T + 1/d), restated at acquisition by up to (1 + d)^T
  const d = stepDiscountRate(scenario.meta.discountRate, spy);
  const tvSteps = b.terminalValue && d > 0 ? 1 / d : 0;
  const perCustomer = marginMax * (T + tvSteps) * Math.pow(1 + Math.max(0, d), T);
  if (!(perCustomer < CUSTOMER_LIMIT)) {
    const where = marginMax * T < CUSTOMER_LIMIT && tvSteps > 0 ? ['meta', 'discountRate'] : biggest.path;
    add(where, `expected the value of one customer to stay below ${fmt(CUSTOMER_LIMIT)} (a Float32): the largest margin of a customer-step (${fmt(marginMax)}: wallet draws × wallet index × margin rate + cost to serve + visit costs) × (${T} steps${tvSteps ? ` + 1/d = ${fmt(tvSteps)} steps of terminal value` : ''}) is ${fmt(perCustomer)}; lower the amounts of money${tvSteps ? ' or raise the discount rate' : ''}`);
  }

  // firm level: customers × margins, and every firm-level cost, must stay below TOTAL_LIMIT
  const pop = populationBound(scenario);
  const real = pop.customers * scenario.meta.agentScale;
  const firm: [PathSegment[], string, number][] = [[['segments'], 'customers × the value of one customer', real * perCustomer]];
  for (const [gid, g] of Object.entries(scenario.segments)) firm.push([['segments', gid, 'acquisition', 'cost'], 'customers × acquisition cost', real * paramHi(g.acquisition.cost)]);
  for (const [qid, pf] of Object.entries(scenario.portfolios)) firm.push([['portfolios', qid, 'treatment', 'costPerCustomerPerMonth'], 'customers × months × treatment cost', real * months * paramHi(pf.treatment.costPerCustomerPerMonth)]);
  for (const [lid, l] of Object.entries(scenario.levers)) if (l.kind === 'retentionOffer') firm.push([['levers', lid, 'offer', 'costPerOffer'], 'customer-steps × cost per offer', real * T * paramHi(l.offer.costPerOffer)]);
  firm.push([['strategies'], 'the lever spend over the horizon', capitalMax]);
  if (wf) {
    // contacts per customer-step: at most 100 service contacts plus one per human-served touchpoint
    let tps = 0;
    for (const j of Object.values(scenario.journeys)) for (const st of Object.values(j.stages)) tps += Object.keys(st.touchpoints).length;
    // (the first step's workload uses the mean, serviceNeed·Δ, uncapped: §6.1)
    let need = 100;
    for (const g of Object.values(scenario.segments)) need = Math.max(need, paramHi(g.serviceNeed) * dt);
    let needMult = 1;
    for (const pf of Object.values(scenario.portfolios)) needMult = Math.max(needMult, paramHi(pf.treatment.serviceNeedMultiplier));
    const contacts = real * (need * needMult + tps);
    firm.push([['workforce', 'automation', 'costPerContact'], 'contacts × cost per automated contact', contacts * T * paramHi(wf.automation.costPerContact)]);
    // demand staffing: H* = contacts / (productivity·Δ·(h_n + (1 − h_n)·X)·targetWorkload), X ≥ 0
    const prodLo = paramLo(wf.productivity) * dt * Math.max(paramLo(wf.experience.newHireProductivity), 0) * paramLo(wf.staffing.targetWorkload);
    const heads = Math.max(wf.headcount, wf.staffing.policy === 'demand' ? (prodLo > 0 ? contacts / prodLo : Infinity) : wf.headcount);
    const wageCost = heads * T * (paramHi(wf.wagePerMonth) * dt + paramHi(wf.hiringCost) + paramHi(wf.trainingCost));
    firm.push([['workforce', 'productivity'], 'headcount × steps × (wage + hiring and training costs)', wageCost]);
    // workload = contacts / capacity: stays finite while one employee's capacity (a new hire's, or an
    // experienced one's when new hires produce nothing) is above contacts / TOTAL_LIMIT
    const hn = paramLo(wf.experience.newHireProductivity);
    const oneHead = paramLo(wf.productivity) * dt * (hn > 0 ? hn : 1);
    const staff = wf.headcount > 0 && wf.headcount < 1 ? wf.headcount : 1;
    if (contacts / oneHead < TOTAL_LIMIT && wf.headcount > 0 && !(contacts / (oneHead * staff) < TOTAL_LIMIT)) {
      add(['workforce', 'headcount'], `expected a headcount of 0 or one whose capacity keeps the workload finite (contacts per step up to ${fmt(contacts)} ÷ (headcount × productivity × months per step × newHireProductivity) below ${fmt(TOTAL_LIMIT)}), found headcount ${wf.headcount}`);
    } else if (!(contacts / oneHead < TOTAL_LIMIT)) add(['workforce', 'productivity'], `expected contacts per step (up to ${fmt(contacts)}) ÷ the capacity of one new hire (productivity × months per step × newHireProductivity = ${fmt(oneHead)}) below ${fmt(TOTAL_LIMIT)}, found ${fmt(contacts / oneHead)}`);
  }
  for (const [path, what, x] of firm) {
    if (!(x < TOTAL_LIMIT)) add(path, `expected ${what} to stay below ${fmt(TOTAL_LIMIT)} (firm-level money enters variances as squares), found up to ${fmt(x)} over ${Math.round(real).toLocaleString('en-US')} customers at most`);
  }
  return out;
}
