/**
 * Tiny scenarios for the fast engine tests of mutation testing (tests/mutation-engine/, issue 17
 * item 4): tens of customers, a dozen or two steps, so that one replication takes milliseconds
 * and a mutant of src/engine costs well under a second to test.
 *
 * `fullWorld` switches every mechanism on at once: a current pool with a CAGR wallet and an
 * emerging pool with Bass diffusion, two segments with acquisition, referrals and adoption, a
 * three-stage journey (touchpoints human and automated, pooled and unpooled, an exit-below
 * stage, an exit transition, stage margin multipliers and fixed costs), the workforce with demand
 * staffing and automation, levers of every kind, trigger rules, three portfolios with review
 * rules and treatments, retention offers, competitors and a stress. Its options pick the
 * valuation (beyond the horizon, timing, year ends) and the clock.
 */
import { Scenario } from '../../src/scenario/schema.ts';
import type { Job } from '../../src/engine/replication.ts';

export interface WorldOptions {
  beyond?: 'none' | 'perpetuity' | 'runoff';
  timing?: 'arrears' | 'advance';
  costsBeyond?: 'run-rate' | 'none';
  yearEnds?: 'approximate' | 'runoff';
  runoffStepsPerYear?: 1 | 4 | 12;
  runoffYears?: number;
  stepsPerYear?: 1 | 4 | 12;
  horizonMonths?: number;
  /** Initial customers of each segment (agents: agentScale is 2). */
  customers?: number;
}

export function fullWorldInput(o: WorldOptions = {}): Record<string, unknown> {
  const n = o.customers ?? 24;
  return {
    meta: { name: 'full world', horizonMonths: o.horizonMonths ?? 24, stepsPerYear: o.stepsPerYear ?? 12, discountRate: 0.12, seed: 17, replications: 2, agentScale: 2 },
    valuation: {
      beyondHorizon: o.beyond ?? 'perpetuity',
      runoffYears: o.runoffYears ?? 1,
      runoffStepsPerYear: o.runoffStepsPerYear ?? 4,
      costsBeyondHorizon: o.costsBeyond ?? 'run-rate',
      paymentTiming: o.timing ?? 'arrears',
      yearEnds: o.yearEnds ?? 'approximate',
    },
    behaviour: { satisfactionMemory: 0.6, satisfactionReference: 0.55, promoterThreshold: 0.6, competitivePull: 1.5, portfolioReviewMonths: 2 },
    pools: {
      core: { marginRate: 0.4, costToServe: 1.5, readiness: 0.6, wallet: { trajectory: { type: 'cagr', rate: -0.1 }, volatility: 0.1, longRunGrowth: -0.02 } },
      next: { kind: 'emerging', marginRate: 0.5, costToServe: 0.5, readiness: 0.4, bass: { p: 0.3, q: 0.9 }, initialAdoption: 0.2, wallet: { trajectory: { type: 'cagr', rate: 0.05 } } },
    },
    segments: {
      mass: {
        initialCustomers: 2 * n,
        churn: { alpha: 1, beta: 4 },
        acquisition: { prospectsPerMonth: 12, conversion: 0.25, cost: 30, referralCost: 5 },
        wallet: { core: { mean: 60, cv: 0.4 }, next: { mean: 30, cv: 0.5 } },
        cxSensitivity: { mean: 1, cv: 0.3 },
        adoption: { next: 1 },
        serviceNeed: 0.4,
        referralRate: 0.05,
        initialSatisfaction: 0.55,
      },
      loyal: {
        initialCustomers: 2 * n,
        churn: { annualRate: 0.3 },
        acquisition: { prospectsPerMonth: 6, conversion: 0.5, cost: 50 },
        wallet: { core: { mean: 120, cv: 0.2 } },
        adoption: { next: 2 },
        serviceNeed: 0.2,
        initialSatisfaction: 0.7,
      },
    },
    journeys: {
      life: {
        initialStage: 'use',
        stages: {
          onboard: {
            next: { onboard: 0.3, use: 0.7 },
            exitBelow: 0.15,
            marginMultiplier: 0.5,
            touchpoints: { welcome: { visitProbability: 0.9, friction: 0.3, floor: 0.05, costPerVisit: 2, pool: 'core', served: 'human' } },
          },
          use: {
            next: { use: 0.85, help: 0.1, exit: 0.05 },
            touchpoints: {
              app: { visitProbability: 0.6, friction: 0.25, floor: 0.05, costPerVisit: 0.5, pool: 'next' },
              store: { visitProbability: 0.5, friction: 0.35, floor: 0.1, costPerVisit: 1, pool: 'core', served: 'human' },
              delivery: { visitProbability: 0.3, friction: 0.3, controllable: false, costPerVisit: 0.8 },
            },
          },
          help: {
            next: { use: 0.8, help: 0.2 },
            costPerMonth: 3,
            touchpoints: { desk: { visitProbability: 1, friction: 0.2, floor: 0.05, served: 'human', baseQuality: 0.6 } },
          },
        },
      },
    },
    portfolios: {
      vip: { rule: { metric: 'monthlyMargin', min: 25 }, treatment: { experienceBoost: 0.05, churnMultiplier: 0.6, costPerCustomerPerMonth: 2 } },
      new: { rule: { metric: 'tenureMonths', max: 6 }, treatment: { experienceBoost: 0.02, serviceNeedMultiplier: 1.5 } },
      rest: {},
    },
    workforce: {
      headcount: 0.2,
      wagePerMonth: 3000,
      productivity: 60,
      hiringCost: 500,
      trainingCost: 400,
      staffing: { policy: 'demand', targetWorkload: 0.9, adjustmentPerMonth: 0.3 },
      automation: { deflection: 0.2, quality: 0.4, costPerContact: 0.5, frictionAtZeroQuality: 0.3 },
    },
    competitors: {
      rival: { experience: { core: 0.6, next: { points: [[0, 0.5], [24, 0.7]] } } },
    },
    levers: {
      fix: { kind: 'friction', targets: ['welcome', 'store'], decayPerMonth: 0.05, response: { scale: 20000, max: 0.6 } },
      ease: { kind: 'mitigation', targets: ['delivery'], lagMonths: 1, response: { scale: 10000, max: 0.5, curve: 'hill', shape: 2 } },
      build: { kind: 'readiness', targets: ['next'], lagMonths: 2, decayPerMonth: 0.02, response: { scale: 30000, max: 0.5 } },
      support: { kind: 'employeeSupport', response: { scale: 8000, max: 0.5 } },
      bot: { kind: 'automation', response: { scale: 8000, max: 0.4 } },
      botq: { kind: 'automationQuality', response: { scale: 8000, max: 0.5 } },
      grow: { kind: 'acquisition', targets: ['mass'], response: { scale: 10000, max: 0.5 } },
      care: { kind: 'portfolioTreatment', targets: ['vip'], response: { scale: 5000, max: 0.3 } },
      save: { kind: 'retentionOffer', response: { scale: 2000, max: 0.8 }, offer: { satisfactionDrop: 0.04, costPerOffer: 15, satisfactionBoost: 0.1 } },
    },
    strategies: {
      none: { baseline: true },
      mixed: {
        budget: { perYear: 60000, allocation: { fix: 0.2, ease: 0.1, build: 0.15, support: 0.1, bot: 0.1, botq: 0.05, grow: 0.1, care: 0.1, save: 0.1 } },
        rules: [{ when: { indicator: 'adoption.next', above: 0.3 }, move: { share: 0.5, from: 'fix', to: 'build' }, once: true }],
      },
      scheduled: {
        budget: { perYear: [30000, 50000], allocation: { fix: 0.5, save: 0.5 } },
        schedules: { grow: [[0, 2000], [12, 500]] },
        rules: [{ when: { indicator: 'satisfaction', below: 0.9 }, move: { share: 0.25, from: 'fix', to: 'save' }, once: false }],
      },
    },
    stresses: {
      storm: {
        shocks: [
          { kind: 'recession', fromMonth: 6, walletFactor: 0.8 },
          { kind: 'competitorLeap', pool: 'core', month: 3, increase: 0.1 },
          { kind: 'attritionSpike', target: 'employees', fromMonth: 2, toMonth: 8, multiplier: 2 },
          { kind: 'attritionSpike', target: 'customers', fromMonth: 4, toMonth: 10, multiplier: 1.5 },
          { kind: 'budgetCut', fromMonth: 12, cut: 0.5 },
          { kind: 'poolCollapse', pool: 'core', month: 9, factor: 0.7 },
        ],
      },
    },
  };
}

export function fullWorld(o: WorldOptions = {}): Scenario {
  return Scenario.parse(fullWorldInput(o));
}

/** The jobs of a world: each strategy, and the mixed strategy under the stress. */
export function worldJobs(sc: Scenario, extra: Partial<Job> = {}): Job[] {
  return [
    { scenario: sc, strategy: 'none', replication: 0, ...extra },
    { scenario: sc, strategy: 'mixed', replication: 1, ...extra },
    { scenario: sc, strategy: 'scheduled', replication: 0, ...extra },
    { scenario: sc, strategy: 'mixed', replication: 0, stress: 'storm', ...extra },
  ];
}

/**
 * Every number of a result as [path, value] pairs in a fixed order (object keys sorted; typed
 * arrays element by element), for bit-for-bit comparison (Object.is: NaN = NaN, 0 ≠ −0) and
 * digests. `keys` limits the top level to the fields named.
 */
export function numbersOf(v: unknown, keys?: readonly string[], path = ''): [string, number | string | boolean | null][] {
  if (ArrayBuffer.isView(v)) return Array.from(v as unknown as ArrayLike<number>, (x, i) => [`${path}[${i}]`, x] as [string, number]);
  if (Array.isArray(v)) return v.flatMap((x, i) => numbersOf(x, undefined, `${path}[${i}]`));
  if (v && typeof v === 'object') {
    const ks = (keys ?? Object.keys(v)).slice().sort();
    return ks.flatMap((k) => numbersOf((v as Record<string, unknown>)[k], undefined, `${path}.${k}`));
  }
  return [[path, v as number | string | boolean | null]];
}

/** The first path where two results differ (numbers compared with Object.is), or '' when identical. */
export function firstDifference(a: unknown, b: unknown, keys?: readonly string[]): string {
  const x = numbersOf(a, keys), y = numbersOf(b, keys);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    if (!x[i] || !y[i] || x[i][0] !== y[i][0]) return `structure differs at ${x[i]?.[0] ?? y[i]?.[0]}`;
    if (!Object.is(x[i][1], y[i][1])) return `${x[i][0]}: ${String(x[i][1])} vs ${String(y[i][1])}`;
  }
  return '';
}

/** The fields of a result a golden digest covers (totals by name: fields added later do not change it). */
export const DIGEST_TOTALS = [
  'customerEquity', 'equityExisting', 'equityAcquired', 'acquisitionCostPV', 'cxSpendPV', 'workforceCostPV', 'netEquity', 'netEquityWithinHorizon',
  'netValueRunoff', 'netValueClosing', 'netValueBeyondHorizon', 'costsBeyondHorizonPV', 'initialCustomers', 'acquired', 'churned', 'alive', 'aliveCustomerSteps',
] as const;

/** SHA-256 (hex) of a result's series, totals, values beyond each year, CLV summaries, fired rules and per-customer detail, bit for bit. */
export async function resultDigest(r: import('../../src/engine/result.ts').ReplicationResult): Promise<string> {
  const { createHash } = await import('node:crypto');
  const h = createHash('sha256');
  const put = (v: unknown, path: string): void => {
    if (ArrayBuffer.isView(v)) {
      h.update(`${path}:${v.constructor.name}:`);
      h.update(new Uint8Array(v.buffer, v.byteOffset, v.byteLength));
    } else if (v && typeof v === 'object') {
      for (const k of Object.keys(v).sort()) put((v as Record<string, unknown>)[k], `${path}.${k}`);
    } else h.update(`${path}=${typeof v === 'number' && Object.is(v, -0) ? '-0' : String(v)}\n`);
  };
  for (const k of ['series', 'valueBeyondByYear', 'costsBeyondByYear', 'approximateValueBeyondAtHorizon', 'clv', 'firedRules', 'customers', 'steps', 'stepsPerYear', 'seed', 'stress'] as const) put(r[k], k);
  for (const k of DIGEST_TOTALS) put(r.totals[k], `totals.${k}`);
  return h.digest('hex');
}
