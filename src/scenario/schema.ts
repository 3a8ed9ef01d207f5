/**
 * The scenario language: one zod schema that is the single source of truth for the
 * types, the validation, the defaults (normalised here and nowhere else), the JSON Schema
 * for editors and the generated reference in docs/scenario-reference.md.
 *
 * Conventions:
 * - Collections of named things (pools, segments, journeys, stages, touchpoints, levers,
 *   strategies, portfolios, competitors, stresses) are maps keyed by id. Order is the
 *   order written in the file.
 * - Times are written in months (`...Month`, `...Months`) and converted to steps with
 *   `stepsPerYear`. Every numeric description states its unit and period (per month, per
 *   year, per step; per customer, per employee or per firm; spend vs capital):
 *   tests/scenario-units.test.ts fails when one names no unit.
 * - Money is in `meta.currency`, in real customers and real people (not simulated agents).
 * - Every parameter documented as "uncertain allowed" may be a number or a distribution,
 *   drawn once per replication (see `Distribution`).
 */
import { z } from 'zod';
import { drawRange, minMax } from './draw-range.ts';

// ---------------------------------------------------------------------------------------
// Ids and primitives

export const ID_PATTERN = /^[A-Za-z][A-Za-z0-9_-]*$/;
export const Id = z
  .string()
  .regex(ID_PATTERN, { message: 'an id (a letter, then letters, digits, "-" or "_")' })
  .describe('An identifier: a letter, then letters, digits, "-" or "_".');

const Month = z.number().min(0).describe('A month counted from the start of the simulation (0 = first month); unit: months.');

// ---------------------------------------------------------------------------------------
// Distributions: any parameter marked "uncertain allowed" may be one of these.

const Normal = z
  .strictObject({
    dist: z.literal('normal'),
    mean: z.number().describe('Mean, in the unit of the parameter it describes.'),
    sd: z.number().min(0).describe('Standard deviation (≥ 0), in the unit of the parameter.'),
    min: z.number().optional().describe('Optional lower truncation bound, in the unit of the parameter.'),
    max: z.number().optional().describe('Optional upper truncation bound, in the unit of the parameter.'),
  })
  .describe('Normal distribution, optionally truncated to [min, max].');
const LogNormal = z
  .strictObject({
    dist: z.literal('lognormal'),
    mean: z.number().positive().describe('Mean of the variable (not of its logarithm), > 0, in the unit of the parameter.'),
    sd: z.number().min(0).describe('Standard deviation of the variable, ≥ 0, in the unit of the parameter.'),
  })
  .describe('Log-normal distribution given by the mean and standard deviation of the variable itself.');
const Uniform = z
  .strictObject({
    dist: z.literal('uniform'),
    min: z.number().describe('Lower bound, in the unit of the parameter.'),
    max: z.number().describe('Upper bound (≥ min), in the unit of the parameter.'),
  })
  .describe('Uniform distribution on [min, max].');
const Triangular = z
  .strictObject({
    dist: z.literal('triangular'),
    min: z.number().describe('Lower bound, in the unit of the parameter.'),
    mode: z.number().describe('Most likely value (min ≤ mode ≤ max), in the unit of the parameter.'),
    max: z.number().describe('Upper bound, in the unit of the parameter.'),
  })
  .describe('Triangular distribution (low, most likely, high): the three-point estimate of risk tools.');
const BetaDist = z
  .strictObject({
    dist: z.literal('beta'),
    alpha: z.number().positive().describe('Shape α > 0 (dimensionless; the mean on [0, 1] is α/(α+β)).'),
    beta: z.number().positive().describe('Shape β > 0 (dimensionless).'),
    min: z.number().default(0).describe('Lower end of the scaled support, in the unit of the parameter.'),
    max: z.number().default(1).describe('Upper end of the scaled support, in the unit of the parameter.'),
  })
  .describe('Beta(α, β) distribution scaled to [min, max].');
const Empirical = z
  .strictObject({
    dist: z.literal('empirical'),
    values: z.array(z.number()).min(1).describe('Observed values, in the unit of the parameter; each replication draws one with equal probability.'),
  })
  .describe('Empirical distribution: one of the listed values, equally likely.');

export const Distribution = z
  .discriminatedUnion('dist', [Normal, LogNormal, Uniform, Triangular, BetaDist, Empirical])
  .describe('An uncertain parameter, drawn once per replication.');
export type Distribution = z.infer<typeof Distribution>;

/** Bounds of a parameter, used for both plain numbers and distribution supports. */
export interface Bounds {
  min?: number;
  max?: number;
  /** Exclusive lower bound (strictly greater than min). */
  positive?: boolean;
}

/** The support [lo, hi] of a distribution. */
export function distributionSupport(d: Distribution): [number, number] {
  switch (d.dist) {
    case 'normal':
      return [d.min ?? -Infinity, d.max ?? Infinity];
    case 'lognormal':
      return [0, Infinity];
    case 'uniform':
    case 'triangular':
      return [d.min, d.max];
    case 'beta':
      return [d.min, d.max];
    case 'empirical':
      return minMax(d.values);
  }
}

const fmtNumber = (x: number): string => (x === Infinity ? '∞' : x === -Infinity ? '-∞' : String(x));

function fmtBounds(b: Bounds): string {
  const lo = b.min === undefined ? '-∞' : String(b.min);
  const hi = b.max === undefined ? '∞' : String(b.max);
  return `${b.positive ? '(' : '['}${lo}, ${hi}${b.max === undefined ? ')' : ']'}`;
}

/**
 * A numeric parameter that may be uncertain. Plain numbers are checked against the bounds;
 * distributions must have impossible parameters rejected and a support inside the bounds.
 */
export function param(description: string, bounds: Bounds = {}) {
  let n = z.number();
  if (bounds.min !== undefined) n = bounds.positive ? n.gt(bounds.min) : n.min(bounds.min);
  if (bounds.max !== undefined) n = n.max(bounds.max);
  const dist = Distribution.superRefine((d, ctx) => {
    const bad = (message: string, path: (string | number)[] = []) => ctx.addIssue({ code: 'custom', message, path });
    if ((d.dist === 'uniform' || d.dist === 'triangular') && d.min > d.max) bad(`expected min at most max (${d.max}), found ${d.min}`, ['min']);
    if (d.dist === 'triangular' && (d.mode < d.min || d.mode > d.max)) bad(`expected a mode in [min, max] = [${d.min}, ${d.max}], found ${d.mode}`, ['mode']);
    if (d.dist === 'beta' && d.min >= d.max) bad(`expected min below max (${d.max}), found ${d.min}`, ['min']);
    if (d.dist === 'normal' && d.min !== undefined && d.max !== undefined && d.min >= d.max) bad(`expected min below max (${d.max}), found ${d.min}`, ['min']);
    const [lo, hi] = distributionSupport(d);
    const belowMin = bounds.min !== undefined && (bounds.positive ? lo <= bounds.min && !(d.dist === 'lognormal' && bounds.min === 0) : lo < bounds.min);
    const aboveMax = bounds.max !== undefined && hi > bounds.max;
    if (belowMin || aboveMax) {
      const hint = d.dist === 'normal' ? ' (give the normal distribution min and max to truncate it)' : '';
      bad(`expected a ${d.dist} distribution whose values stay in ${fmtBounds(bounds)}, found support [${fmtNumber(lo)}, ${fmtNumber(hi)}]${hint}`);
      return;
    }
    // what the sampler returns in floating point (src/scenario/draw-range.ts), not only the support
    if (d.dist === 'empirical' && d.values.length === 0) return; // reported by the schema as an empty list
    const [dlo, dhi] = drawRange(d);
    if (!Number.isFinite(dlo) || !Number.isFinite(dhi)) {
      bad(`expected a ${d.dist} distribution whose draws are finite numbers, found draws reaching [${fmtNumber(dlo)}, ${fmtNumber(dhi)}] (a spread this wide overflows double precision)`);
    } else if (bounds.positive && bounds.min !== undefined && dlo <= bounds.min) {
      bad(`expected a ${d.dist} distribution whose draws stay above ${bounds.min}, found draws as low as ${dlo} in double precision (the spread is too wide for its mean)`);
    }
  });
  return z.union([n, dist]).describe(`${description} Uncertain allowed.`);
}
export type Param = number | Distribution;

const prob = (description: string) => param(description, { min: 0, max: 1 });
const nonneg = (description: string) => param(description, { min: 0 });
const positive = (description: string) => param(description, { min: 0, positive: true });

/** A value that changes over time: piecewise-linear through (month, value) points, flat outside. */
const TimePoints = z
  .array(z.tuple([Month, z.number()]))
  .min(1)
  .describe('Points [month, value] (month in months since the start; value in the unit of the field), in increasing month order; linear between points, flat before the first and after the last.');

// ---------------------------------------------------------------------------------------
// meta

/** Replications of the first batch of adaptive replications: MIN_FIRST_BATCH of src/metrics/sequential-stop.ts (a test checks they agree; not imported, to keep the schema free of the statistics code). */
const ADAPTIVE_FIRST_BATCH = 10;

export const Meta = z
  .strictObject({
    name: z.string().min(1).describe('Short name of the scenario.'),
    description: z.string().default('').describe('What the case is and which question it answers.'),
    currency: z.string().default('USD').describe('Currency of every amount of money in the file.'),
    horizonMonths: z.number().int().min(1).max(1200).default(60).describe('Length of the simulation, in months.'),
    stepsPerYear: z
      .union([z.literal(12), z.literal(52), z.literal(4), z.literal(1)])
      .default(12)
      .describe('Steps per year: 12 (monthly, default), 52 (weekly), 4 (quarterly) or 1 (annual, as in textbook CLV formulas).'),
    discountRate: z.number().min(0).max(1).default(0.1).describe('Discount rate r per year (0.1 = 10% a year); the per-step factor is (1+r)^(−1/stepsPerYear).'),
    seed: z.number().int().min(0).default(1).describe('Master seed (an integer, no unit); the same seed gives bit-identical results.'),
    replications: z.number().int().min(1).max(100000).default(20).describe('Count of Monte Carlo replications per strategy.'),
    precision: z
      .strictObject({
        halfWidth: z
          .number()
          .positive()
          .describe(
            'Target 95% half-width of every strategy’s paired difference in net equity versus the baseline, in meta.currency (a present value at month 0 for the whole firm, horizon and value beyond it together).',
          ),
        maxReplications: z
          .number()
          .int()
          .min(ADAPTIVE_FIRST_BATCH)
          .max(100000)
          .default(200)
          .describe(`Cap: the count of replications per strategy at most (at least ${ADAPTIVE_FIRST_BATCH}, one batch).`),
      })
      .optional()
      .describe(
        `Adaptive replications by default for \`cxsim compare\`: batches of ${ADAPTIVE_FIRST_BATCH} replications until every paired difference versus the baseline is this precise, or the ranking is established (error rate ≤ 5%), or the cap (docs/metrics.md, "Adaptive replications"); meta.replications is then not used by compare. \`--precision\` and \`--max-replications\` override it, \`--replications\` turns it off. Absent: compare runs meta.replications.`,
      ),
    agentScale: z
      .number()
      .min(1)
      .default(1)
      .describe('Real customers per simulated customer (a count ≥ 1); money and counts in the file and in outputs are for real customers.'),
  })
  .describe('Identity, time, money and Monte Carlo settings.');

// ---------------------------------------------------------------------------------------
// behaviour: global response coefficients (MODEL.md sections 2 and 5)

export const Behaviour = z
  .strictObject({
    satisfactionMemory: z.number().min(0).max(1).default(0.8).describe('λ: weight (0–1, dimensionless) of past satisfaction at each step with experiences (s ← λ·s + (1−λ)·mean(e)); per step, i.e. per month at stepsPerYear 12.'),
    satisfactionReference: z.number().default(0.5).describe('s_ref: satisfaction (0–1 scale) at which churn and share of wallet are at their base values.'),
    promoterThreshold: z.number().default(0.75).describe('Satisfaction (0–1 scale) above which a customer is a promoter (refers others).'),
    churnSatisfactionSensitivity: z.number().min(0).default(3).describe('β_s, per unit of satisfaction (0–1 scale): churn hazard is multiplied by exp(−β_s·sensitivity·(s − s_ref)).'),
    competitivePull: z.number().min(0).default(2).describe('β_c, per unit of experience level (0–1 scale): churn hazard is multiplied by exp(−β_c·(ourCX − competitorCX)).'),
    captureSensitivity: z.number().min(0).default(6).describe('Logit sensitivity, per unit of readiness (0–1 scale), of where an adopter buys an emerging pool: P(us) ∝ exp(sensitivity·readiness).'),
    shareOfWallet: z
      .strictObject({
        base: z.number().gt(0).lt(1).default(0.5).describe('Share of wallet (0–1) at s = s_ref and readiness 0.5: our revenue per customer is the market wallet × this share.'),
        satisfactionSlope: z
          .number()
          .min(0)
          .default(1)
          .describe(
            'Logit slope of share of wallet per unit of satisfaction (0–1 scale), times the customer sensitivity. Default 1 (it was 4): a sustained rise of satisfaction by 0.01 then adds about 0.6 percentage points to the next year’s revenue growth, within a factor of 2 of the Sears employee-customer-profit chain (docs/model.md §6.6).',
          ),
        readinessSlope: z.number().min(0).default(2).describe('Logit slope of share of wallet per unit of our readiness in the pool (0–1 scale).'),
      })
      .default({ base: 0.5, satisfactionSlope: 1, readinessSlope: 2 })
      .describe('Share of wallet: logistic in satisfaction and pool readiness.'),
    portfolioReviewMonths: z.number().int().min(1).default(3).describe('Customers are reassigned to portfolios every this many months (unit: months).'),
    terminalValue: z
      .unknown()
      .optional()
      .refine((v) => v === undefined, {
        message: 'behaviour.terminalValue was replaced by valuation.beyondHorizon: runoff (default), perpetuity or none (see docs/metrics.md, "Valuation")',
      })
      .describe('Removed: use valuation.beyondHorizon (runoff, perpetuity or none).'),
  })
  .describe('Global behavioural coefficients: satisfaction memory, churn response, capture and share of wallet.');

// ---------------------------------------------------------------------------------------
// valuation: what a customer is worth beyond the horizon, and when money changes hands

export const Valuation = z
  .strictObject({
    beyondHorizon: z
      .enum(['runoff', 'perpetuity', 'none'])
      .default('runoff')
      .describe(
        'Value beyond the horizon. runoff: the customers alive at the horizon keep being simulated for runoffYears (no acquisition; pools, diffusion, competitors, satisfaction and churn continue; costs per costsBeyondHorizon), then a closing Gordon perpetuity; perpetuity: a Gordon perpetuity per customer at the horizon, with each pool\'s long-run growth and run-rate costs capitalised the same way; none: value within the horizon only.',
      ),
    runoffYears: z.number().int().min(1).max(100).default(10).describe('Length of the run-off after the horizon, in years (runoff only).'),
    runoffStepsPerYear: z
      .union([z.literal(12), z.literal(4), z.literal(1)])
      .default(4)
      .describe('Steps per year of the run-off simulation (runoff only): 4 (quarterly, default), 12 (monthly) or 1 (annual). Coarser is faster; docs/metrics.md gives the measured difference.'),
    costsBeyondHorizon: z
      .enum(['run-rate', 'none'])
      .default('run-rate')
      .describe(
        'Costs beyond the horizon. run-rate: each lever keeps being funded at its spend per month over the horizon\'s last year (acquisition levers stop, as acquisition does) and the workforce keeps its cost per month of that year; in the closing perpetuity these costs are capitalised per surviving customer, each with the annuity of its own timing (lever spend at the start of each step, workforce at the end, offers and treatments with the margin; docs/model.md §11.3). none: spending stops at the horizon (levers decay unreplenished) and no workforce cost is counted.',
      ),
    yearEnds: z
      .enum(['runoff', 'approximate'])
      .default('runoff')
      .describe(
        'How `cxsim compare` and `cxsim run` value the customers alive at each year end inside the horizon (equity over time, horizon robustness, "ahead in equity"; the totals do not depend on it). runoff (default with beyondHorizon runoff): the full rule — a run-off from every year end, as if the horizon ended there (about 1.8× the CPU time of a replication on the flagship); approximate: the closing perpetuity of the customers alive then (fast; leaves out adoption still to come).',
      ),
    paymentTiming: z
      .enum(['arrears', 'advance'])
      .default('arrears')
      .describe('When a step\'s margin is received. arrears: at the end of the step, from customers who survive it (discount (1+r)^−(t+1) for step t, counted from 0). advance: at the start of the step, from every customer alive at its start (discount (1+r)^−t).'),
  })
  .describe('Valuation rules: the value beyond the horizon, the costs that go with it, and payment timing.');

// ---------------------------------------------------------------------------------------
// pools (MODEL.md section 2)

const Trajectory = z
  .discriminatedUnion('type', [
    z.strictObject({ type: z.literal('constant') }).describe('Wallet index stays at 1.'),
    z
      .strictObject({
        type: z.literal('cagr'),
        rate: param('Compound growth rate of the wallet index per year (0.05 = +5% a year; negative for a shrinking pool).', { min: -1, positive: true }),
      })
      .describe('Compound annual growth: index(t) = (1+rate)^(t/12).'),
    z
      .strictObject({
        type: z.literal('logistic'),
        from: nonneg('Wallet index at the far past (lower asymptote; dimensionless index, before the curve is rescaled so index(0) = 1).'),
        to: nonneg('Wallet index at the far future (upper asymptote; dimensionless index, before the curve is rescaled so index(0) = 1).'),
        midpointMonth: param('Month of the steepest change (months since the start).'),
        steepness: positive('Steepness of the S-curve, per year (logistic rate: the index moves e-fold faster per year).'),
      })
      .describe('S-curve from `from` to `to`, normalised so that index(0) = 1.'),
    z
      .strictObject({ type: z.literal('points'), points: TimePoints })
      .describe('Piecewise-linear index through [month, index] points.'),
  ])
  .describe('Trajectory of the wallet index (dimensionless: market spend per participating customer relative to month 0).');

const PoolShock = z
  .strictObject({
    month: Month,
    factor: positive('Multiplier (dimensionless) applied to the wallet index from this month on (0.7 = −30%).'),
    durationMonths: z.number().min(0).optional().describe('How long the shock lasts, in months; permanent if omitted.'),
  })
  .describe('A step change of the wallet index.');

export const Pool = z
  .strictObject({
    name: z.string().optional().describe('Display name.'),
    kind: z
      .enum(['current', 'emerging'])
      .default('current')
      .describe('current: customers of a segment with a wallet here start in it; emerging: customers adopt it over time by Bass diffusion.'),
    wallet: z
      .strictObject({
        trajectory: Trajectory.default({ type: 'constant' }),
        volatility: nonneg('Volatility σ per year (per √year, as in finance: 0.1 ≈ ±10% in a year) of a log-normal random walk on the index, drawn per replication.').default(0),
        shocks: z.array(PoolShock).default([]).describe('Step changes of the index.'),
        longRunGrowth: param(
          'Growth of the wallet index per year for ever after the valuation (the g of the closing Gordon perpetuity, valuation.beyondHorizon); default: the rate of a cagr trajectory, 0 for the other trajectories. The run-off itself follows the trajectory.',
          { min: -1, positive: true },
        ).optional(),
      })
      .default({ trajectory: { type: 'constant' }, volatility: 0, shocks: [] })
      .describe('How the market spend per participating customer evolves.'),
    marginRate: prob('Contribution margin as a share (0–1) of our revenue in this pool.'),
    costToServe: nonneg('Cost to serve, in meta.currency per customer per month, for each customer buying from us in this pool.').default(0),
    readiness: prob('Our experience level in this pool (0–1 scale) at month 0, before any readiness investment.').default(0.5),
    bass: z
      .strictObject({
        p: nonneg('Bass innovation coefficient p, per year (a hazard of adoption; divided by stepsPerYear per step).').default(0.03),
        q: nonneg('Bass imitation coefficient q, per year (times the adopted share; divided by stepsPerYear per step).').default(0.38),
      })
      .default({ p: 0.03, q: 0.38 })
      .describe('Bass diffusion coefficients (per year) for an emerging pool; per step they are divided by stepsPerYear.'),
    initialAdoption: prob('Share (0–1) of customers who have already adopted an emerging pool at month 0.').default(0),
  })
  .describe('A profit pool: a revenue stream whose market spend, margin and adoption evolve.');

// ---------------------------------------------------------------------------------------
// segments (MODEL.md section 3)

const Churn = z
  .union([
    z
      .strictObject({
        alpha: positive('α of the Beta distribution of the churn propensity θ per year (dimensionless; mean θ = α/(α+β) per year).'),
        beta: positive('β of the Beta distribution of the churn propensity θ per year (dimensionless).'),
      })
      .describe('Heterogeneous churn propensity θ ~ Beta(α, β), a probability per year (shifted-beta-geometric); the mean is α/(α+β) per year.'),
    z
      .strictObject({ annualRate: prob('The same churn propensity θ for every customer, a probability per year (0.2 = 20% a year).') })
      .describe('Homogeneous annual churn propensity.'),
  ])
  .describe('Churn propensity θ, a probability per year (not per month); the per-step base hazard is 1 − (1−θ)^(1/stepsPerYear).');

const WalletDraw = z
  .strictObject({
    mean: nonneg('Mean MARKET spend in meta.currency per customer per month in the pool at wallet index 1 (the whole wallet, not ours: our revenue is this × share of wallet, 0.5 at the base).'),
    cv: nonneg('Coefficient of variation across customers (dimensionless: sd/mean; Gamma with shape 1/cv²; 0 = everyone the same).').default(0.5),
  })
  .describe('A customer’s market wallet in a pool: spend per customer per month across all suppliers (Gamma distributed across customers).');

export const Segment = z
  .strictObject({
    name: z.string().optional().describe('Display name.'),
    initialCustomers: z.number().int().min(0).describe('Count of customers at month 0 (real customers; divided by agentScale to simulate).'),
    journey: Id.optional().describe('Journey its customers move through (default: the first journey).'),
    acquisition: z
      .strictObject({
        prospectsPerMonth: nonneg('Prospects reached per month (real people, for the whole segment).').default(0),
        conversion: prob('Share (0–1) of the month’s prospects converting, before acquisition-lever effects.').default(0),
        cost: nonneg('Acquisition cost in meta.currency per new customer, one-off at acquisition.').default(0),
        referralCost: nonneg('Acquisition cost in meta.currency per new customer brought by a referral, one-off at acquisition (default 0: referrals cost nothing).').default(0),
      })
      .default({ prospectsPerMonth: 0, conversion: 0, cost: 0, referralCost: 0 })
      .describe('Monthly acquisitions: prospects × conversion, plus referrals.'),
    churn: Churn,
    wallet: z.record(Id, WalletDraw).default({}).describe('Market wallet by pool id (meta.currency per customer per month; current and emerging pools).'),
    cxSensitivity: z
      .strictObject({
        mean: nonneg('Mean CX sensitivity, a multiplier (1 = the behaviour coefficients as written).').default(1),
        cv: nonneg('Coefficient of variation across customers (dimensionless: sd/mean; log-normal).').default(0),
      })
      .default({ mean: 1, cv: 0 })
      .describe('How strongly satisfaction moves this customer’s churn and share of wallet.'),
    adoption: z.record(Id, nonneg('Adoption propensity, a multiplier on the Bass hazard (1 = as written in the pool).')).default({}).describe('Adoption propensity by emerging pool id (default 1 for every emerging pool the segment has a wallet in).'),
    serviceNeed: nonneg('Service contacts per customer per month (Poisson mean).').default(0.2),
    referralRate: nonneg('New customers referred per promoter per month.').default(0),
    initialSatisfaction: param('Satisfaction (0–1 scale) of customers at month 0 and of new customers.').default(0.6),
  })
  .describe('A customer segment: its size, acquisition, heterogeneous traits and journey.');

// ---------------------------------------------------------------------------------------
// portfolios (Peppers and Rogers: manage customers by value): business rules that treat customers differently

export const Portfolio = z
  .strictObject({
    name: z.string().optional().describe('Display name.'),
    rule: z
      .strictObject({
        metric: z.enum(['monthlyMargin', 'tenureMonths', 'satisfaction']).describe('What the rule looks at.'),
        min: z.number().optional().describe('Inclusive lower bound of the metric, in its unit (monthlyMargin: meta.currency per customer per month; tenureMonths: months; satisfaction: 0–1 scale).'),
        max: z.number().optional().describe('Exclusive upper bound of the metric, in its unit (as for min).'),
      })
      .optional()
      .describe('Who belongs: the first portfolio (in file order) whose rule matches; a portfolio without a rule takes everyone left.'),
    treatment: z
      .strictObject({
        experienceBoost: param('Added to every experience of its customers (experience 0–1 scale; service level).').default(0),
        churnMultiplier: nonneg('Multiplier (dimensionless) on the churn hazard (retention actions).').default(1),
        serviceNeedMultiplier: nonneg('Multiplier (dimensionless) on service contacts.').default(1),
        costPerCustomerPerMonth: nonneg('Cost of the treatment in meta.currency per customer per month (counted as CX spend).').default(0),
      })
      .default({ experienceBoost: 0, churnMultiplier: 1, serviceNeedMultiplier: 1, costPerCustomerPerMonth: 0 })
      .describe('Treatment of its customers, with its cost.'),
  })
  .describe('A customer portfolio with an assignment rule and a treatment.');

// ---------------------------------------------------------------------------------------
// journeys (MODEL.md section 4)

export const Touchpoint = z
  .strictObject({
    name: z.string().optional().describe('Display name.'),
    visitProbability: prob('Probability per month that a customer in the stage visits.'),
    friction: prob('Pain-point severity f0 at month 0 (experience 0–1 scale: subtracted from the visit’s experience).'),
    floor: prob('Friction (experience 0–1 scale) below which investment cannot push it.').default(0),
    costPerVisit: nonneg('Cost in meta.currency per visit (part of cost to serve, in the customer margin).').default(0),
    pool: Id.optional().describe('Pool it serves: visits to an emerging pool’s touchpoints happen only for customers who adopted it with us; the cost is charged there.'),
    served: z.enum(['human', 'automated']).default('automated').describe('human: employee service quality matters and the visit is a contact for the workforce; automated: it does not.'),
    controllable: z.boolean().default(true).describe('false for an external pain point: friction levers cannot reduce it, only mitigation levers.'),
    baseQuality: param('Base experience quality of a visit (0–1 scale).').default(0.7),
    serviceWeight: nonneg('w: weight (dimensionless) of service quality (0–1) in the experience of a human-served visit.').default(0.3),
    noise: nonneg('Standard deviation of the experience noise (experience 0–1 scale, per visit).').default(0.15),
  })
  .describe('A touchpoint: experience e = baseQuality + w·serviceQuality − friction(t) + noise.');

export const Stage = z
  .strictObject({
    name: z.string().optional().describe('Display name.'),
    next: z
      .record(z.string(), prob('Transition probability per month.'))
      .optional()
      .describe('Transition probabilities per month to stage ids (or "exit", which ends the relationship); the row must sum to 1. Default: stay.'),
    exitBelow: z.number().optional().describe('An experience (0–1 scale) below this in this stage ends the relationship (a failed onboarding is an early exit).'),
    marginMultiplier: nonneg('Multiplier on the contribution (revenue × margin rate, per customer per month) of customers while in this stage (1 = as the pools say; state-dependent margins of a customer-migration model).').default(1),
    costPerMonth: nonneg('Fixed cost in meta.currency per customer per month while in this stage (part of the customer margin).').default(0),
    touchpoints: z.record(Id, Touchpoint).default({}).describe('Touchpoints of the stage, by id (ids unique across all journeys).'),
  })
  .describe('A journey stage.');

export const Journey = z
  .strictObject({
    name: z.string().optional().describe('Display name.'),
    stages: z.record(Id, Stage).describe('Stages in order; new customers start in the first.'),
    initialStage: Id.optional().describe('Stage of the customers present at month 0 (default: the first stage).'),
  })
  .describe('A customer journey: stages with monthly transitions and touchpoints.');

// ---------------------------------------------------------------------------------------
// workforce (MODEL.md section 6)

export const Workforce = z
  .strictObject({
    headcount: z.number().min(0).describe('Count of front-line employees at month 0 (real people, for the whole firm).'),
    wagePerMonth: nonneg('Wage cost in meta.currency per employee per month (firm cost = headcount × this).').default(4000),
    productivity: positive('Contacts an experienced employee handles per month (per employee).').default(600),
    hiringCost: nonneg('Cost in meta.currency of hiring one replacement, one-off per hire.').default(3000),
    trainingCost: nonneg('Cost in meta.currency of training one new hire, one-off per hire.').default(2000),
    staffing: z
      .strictObject({
        policy: z.enum(['fixed', 'demand']).default('fixed').describe('fixed: replace leavers only; demand: move headcount toward the demand at the target workload.'),
        targetWorkload: positive('Workload the demand policy aims for (dimensionless: contacts ÷ capacity, 1 = full).').default(0.9),
        adjustmentPerMonth: prob('Share (0–1) of the headcount gap closed per month under the demand policy.').default(0.2),
      })
      .default({ policy: 'fixed', targetWorkload: 0.9, adjustmentPerMonth: 0.2 })
      .describe('How headcount is managed.'),
    internalServiceQuality: z
      .strictObject({
        base: prob('ISQ (0–1 scale) without employee-support capital.').default(0.4),
      })
      .default({ base: 0.4 })
      .describe('Internal service quality ISQ = base + (1 − base)·effect(employee-support capital).'),
    engagement: z
      .strictObject({
        initial: prob('Engagement E (0–1 scale) at month 0.').default(0.6),
        base: param('Target engagement (0–1 scale) at ISQ 0 and no overload.').default(0.3),
        isqWeight: nonneg('Rise of target engagement (0–1 scale) per unit of ISQ (0–1 scale).').default(0.6),
        burnoutWeight: nonneg('Fall of target engagement (0–1 scale) per unit of workload above 1.').default(0.8),
        timeConstantMonths: positive('Time constant in months for E to close 63% of the gap to its target.').default(6),
      })
      .default({ initial: 0.6, base: 0.3, isqWeight: 0.6, burnoutWeight: 0.8, timeConstantMonths: 6 })
      .describe('Employee engagement moves toward a target rising with ISQ and falling with overload.'),
    turnover: z
      .strictObject({
        annualRate: prob('Employee turnover, a share (0–1) of employees leaving per year, at the reference engagement.').default(0.3),
        engagementSensitivity: nonneg('Per unit of engagement (0–1 scale): turnover is multiplied by exp(−sensitivity·(E − reference)).').default(3),
        reference: prob('Engagement (0–1 scale) at which turnover equals annualRate.').default(0.6),
      })
      .default({ annualRate: 0.3, engagementSensitivity: 3, reference: 0.6 })
      .describe('Employee turnover rises as engagement falls.'),
    experience: z
      .strictObject({
        initial: prob('Average experience (0–1 scale: 0 = all new hires, 1 = all fully trained) at month 0.').default(0.7),
        learningMonths: positive('Time constant in months for a new hire to close 63% of the gap to full experience.').default(9),
        newHireProductivity: prob('Productivity of a new hire as a share (0–1) of an experienced employee’s.').default(0.5),
      })
      .default({ initial: 0.7, learningMonths: 9, newHireProductivity: 0.5 })
      .describe('The learning curve: replacements lower average experience.'),
    serviceQuality: z
      .strictObject({
        base: param('Service quality (0–1 scale) with no engagement and no experience.').default(0.2),
        engagementWeight: nonneg('Rise of SQ (0–1 scale) per unit of engagement (0–1 scale).').default(0.5),
        experienceWeight: nonneg('Rise of SQ (0–1 scale) per unit of average experience (0–1 scale).').default(0.3),
        overloadPenalty: nonneg('Fall of SQ (0–1 scale) per unit of workload above 1 (corner cutting).').default(0.6),
      })
      .default({ base: 0.2, engagementWeight: 0.5, experienceWeight: 0.3, overloadPenalty: 0.6 })
      .describe('Service quality SQ = g(engagement, experience, workload), clamped to [0, 1].'),
    automation: z
      .strictObject({
        deflection: prob('Share (0–1) of service contacts deflected to automation before any automation investment.').default(0),
        quality: prob('Quality (0–1 scale) of the automated channel before any automation-quality investment.').default(0.3),
        costPerContact: nonneg('Cost in meta.currency per automated contact.').default(0.5),
        frictionAtZeroQuality: nonneg('Extra friction (experience 0–1 scale) of an automated contact at quality 0 (falls linearly to 0 at quality 1).').default(0.4),
      })
      .default({ deflection: 0, quality: 0.3, costPerContact: 0.5, frictionAtZeroQuality: 0.4 })
      .describe('Automation (e.g. a chatbot) deflecting service contacts.'),
    contact: z
      .strictObject({
        baseQuality: param('Base experience of a service contact (0–1 scale).').default(0.45),
        serviceWeight: nonneg('Weight (dimensionless) of service quality (or automation quality), both 0–1, in a contact experience.').default(0.4),
        noise: nonneg('Standard deviation of the contact experience noise (experience 0–1 scale, per contact).').default(0.15),
      })
      .default({ baseQuality: 0.45, serviceWeight: 0.4, noise: 0.15 })
      .describe('Experience of a service contact.'),
  })
  .describe('The service-profit chain: front-line employees whose engagement, experience and workload set service quality.');

// ---------------------------------------------------------------------------------------
// competitors

const Level = z
  .union([prob('A constant experience level (0–1 scale).'), z.strictObject({ points: TimePoints }).describe('An experience level over time.')])
  .describe('Experience level in [0, 1], constant or over time.');

export const Competitor = z
  .strictObject({
    name: z.string().optional().describe('Display name.'),
    experience: z.record(Id, Level).describe('Experience level by pool id.'),
  })
  .describe('A competitor and its experience level in each pool.');

// ---------------------------------------------------------------------------------------
// levers (MODEL.md section 7)

export const LEVER_KINDS = [
  'friction',
  'mitigation',
  'readiness',
  'employeeSupport',
  'automation',
  'automationQuality',
  'acquisition',
  'portfolioTreatment',
  'retentionOffer',
] as const;
export type LeverKind = (typeof LEVER_KINDS)[number];

export const Lever = z
  .strictObject({
    name: z.string().optional().describe('Display name.'),
    kind: z
      .enum(LEVER_KINDS)
      .describe(
        'What the capital does: friction (controllable touchpoints), mitigation (external touchpoints), readiness (pools), employeeSupport (ISQ), automation (deflection share), automationQuality, acquisition (segments’ conversion), portfolioTreatment (experience boost of portfolios), retentionOffer (offers triggered by a fall in satisfaction).',
      ),
    targets: z.array(Id).default([]).describe('Touchpoint, pool, segment or portfolio ids the lever acts on (by kind); firm-level kinds take none.'),
    efficiency: positive('Capital built per unit of meta.currency spent (dimensionless; 1 = every unit of spend becomes a unit of capital).').default(1),
    decayPerMonth: prob('Share (0–1) of capital lost per month (δ); capital settles near spend per month ÷ δ.').default(0.05),
    lagMonths: z.number().int().min(0).default(0).describe('Lag in months between spending and capital.'),
    response: z
      .strictObject({
        curve: z.enum(['exponential', 'hill']).default('exponential').describe('exponential: max·(1 − exp(−C/scale)); hill: max·Cⁿ/(Cⁿ + scaleⁿ).'),
        scale: positive('Capital in meta.currency, a firm-level stock (not per customer, not per month), at which the effect reaches 63% (exponential) or 50% (hill) of max; with monthly spend s and decay δ capital settles near s/δ (see How the money flows).'),
        shape: positive('Hill exponent n (dimensionless).').default(1),
        max: prob('Largest effect the lever can have, a share (0–1): e.g. the share of friction removed or of contacts deflected, by kind.').default(1),
      })
      .describe('Diminishing returns from capital to effect in [0, max].'),
    offer: z
      .strictObject({
        satisfactionDrop: positive('A fall of satisfaction (0–1 scale) within one step (one month at stepsPerYear 12) larger than this triggers an offer.').default(0.1),
        costPerOffer: nonneg('Cost in meta.currency per offer made (per customer reached, one-off; counted as CX spend).').default(20),
        satisfactionBoost: nonneg('Satisfaction (0–1 scale) added when an offer is made.').default(0.15),
      })
      .default({ satisfactionDrop: 0.1, costPerOffer: 20, satisfactionBoost: 0.15 })
      .describe('For retentionOffer levers: the behaviour trigger and the offer; the effect is the share of triggered customers reached.'),
  })
  .describe('A lever turns money into decaying capital and capital into an effect with diminishing returns.');

// ---------------------------------------------------------------------------------------
// strategies (MODEL.md section 7)

export const INDICATOR_HELP =
  'adoption.<pool>, share.<pool>, walletIndex.<pool>, satisfaction, promoters, churnRate, activeCustomers, engagement, serviceQuality, workload, month';

export const Rule = z
  .strictObject({
    name: z.string().optional().describe('Display name.'),
    when: z
      .strictObject({
        indicator: z.string().describe(`Leading indicator: ${INDICATOR_HELP}.`),
        above: z.number().optional().describe('Fires when the indicator rises above this, in the indicator’s unit (shares, satisfaction and quality 0–1; activeCustomers a count; month in months; walletIndex an index).'),
        below: z.number().optional().describe('Fires when the indicator falls below this, in the indicator’s unit (as for above).'),
      })
      .describe('Condition checked at the end of every month.'),
    move: z
      .strictObject({
        share: prob('Share (0–1) of the `from` lever’s allocation moved.'),
        from: Id.describe('Lever id losing allocation.'),
        to: Id.describe('Lever id gaining allocation.'),
      })
      .describe('Reallocation applied from the next month on.'),
    once: z.boolean().default(true).describe('Fire only the first time the condition holds.'),
  })
  .describe('A rule of a living strategy: when a leading indicator crosses a threshold, move budget between levers.');

export const Strategy = z
  .strictObject({
    name: z.string().optional().describe('Display name.'),
    description: z.string().default('').describe('What the strategy stands for.'),
    baseline: z.boolean().default(false).describe('The strategy others are compared against (exactly one).'),
    budget: z
      .strictObject({
        perYear: z
          .union([nonneg('CX budget in meta.currency per year, for the whole firm (spent evenly: ÷ stepsPerYear per step).'), z.array(nonneg('CX budget in meta.currency per year for the whole firm, for one year of the plan.')).min(1)])
          .default(0)
          .describe('CX budget in meta.currency per year, for the whole firm (not per customer): one amount, or a list per year (the last one repeats).'),
        allocation: z.record(Id, prob('Share (0–1) of the yearly budget.')).default({}).describe('Share of the budget by lever id (at most 1 in total; the rest is not spent).'),
      })
      .default({ perYear: 0, allocation: {} })
      .describe('Budget plan: total per year and allocation across levers.'),
    schedules: z.record(Id, TimePoints).default({}).describe('Explicit spend by lever id, as [month, spend in meta.currency per month for the whole firm] points (step function); replaces the allocation for that lever.'),
    rules: z.array(Rule).default([]).describe('Trigger rules that reallocate budget when a leading indicator crosses a threshold.'),
    overrides: z
      .record(z.string(), z.unknown())
      .default({})
      .describe('Parameters of the scenario that this strategy changes, deep-merged over the scenario (maps merge by key).'),
  })
  .describe('A strategy: a named CX budget plan over time, with rules and overrides.');

// ---------------------------------------------------------------------------------------
// stresses

const StressShock = z
  .discriminatedUnion('kind', [
    z
      .strictObject({
        kind: z.literal('budgetCut'),
        fromMonth: Month,
        toMonth: Month.optional().describe('Month the cut ends (exclusive; months since the start); permanent if omitted.'),
        cut: prob('Share (0–1) of every lever’s spend removed.'),
      })
      .describe('The CX budget is cut from a month on.'),
    z
      .strictObject({
        kind: z.literal('poolCollapse'),
        pool: Id.describe('Pool id.'),
        month: Month,
        factor: nonneg('Multiplier (dimensionless) on the pool’s wallet index from that month on.'),
      })
      .describe('A pool’s market spend collapses.'),
    z
      .strictObject({
        kind: z.literal('competitorLeap'),
        pool: Id.describe('Pool id.'),
        month: Month,
        increase: param('Added to the experience level (0–1 scale) in the pool of every competitor present there (clamped to 1).'),
      })
      .describe('Competitors leap ahead in a pool.'),
    z
      .strictObject({
        kind: z.literal('recession'),
        fromMonth: Month,
        toMonth: Month.optional().describe('Month the recession ends (exclusive; months since the start); permanent if omitted.'),
        walletFactor: nonneg('Multiplier (dimensionless) on every pool’s wallet index.'),
      })
      .describe('A recession shrinks every wallet.'),
    z
      .strictObject({
        kind: z.literal('attritionSpike'),
        target: z.enum(['customers', 'employees']).default('customers').describe('Whose attrition spikes.'),
        fromMonth: Month,
        toMonth: Month.describe('Month the spike ends (exclusive; months since the start).'),
        multiplier: nonneg('Multiplier (dimensionless) on the churn hazard or on employee turnover.'),
      })
      .describe('Customer churn or employee turnover spikes for a while.'),
  ])
  .describe('One shock of a stress.');
export type StressShock = z.infer<typeof StressShock>;

export const Stress = z
  .strictObject({
    name: z.string().optional().describe('Display name.'),
    description: z.string().default('').describe('What the stress represents.'),
    shocks: z.array(StressShock).min(1).describe('Shocks applied together on top of any strategy.'),
  })
  .describe('A named stress: shocks applied on top of any strategy.');

// ---------------------------------------------------------------------------------------
// the scenario

export const Scenario = z
  .strictObject({
    $schema: z.string().optional().describe('Path or URL of the JSON Schema, for editors.'),
    extends: z.string().optional().describe('Relative path of a scenario file this one builds on (deep merge; cycles are rejected).'),
    meta: Meta,
    behaviour: Behaviour.default(Behaviour.parse({})),
    valuation: Valuation.default(Valuation.parse({})),
    pools: z.record(Id, Pool).describe('Profit pools by id.'),
    segments: z.record(Id, Segment).describe('Customer segments by id.'),
    portfolios: z.record(Id, Portfolio).default({}).describe('Customer portfolios by id (optional; without any, everyone is in one portfolio).'),
    journeys: z.record(Id, Journey).describe('Customer journeys by id.'),
    workforce: Workforce.optional().describe('The front-line workforce; without it service quality is fixed at 0.7 and no workforce costs arise.'),
    competitors: z.record(Id, Competitor).default({}).describe('Competitors by id.'),
    levers: z.record(Id, Lever).default({}).describe('CX levers by id.'),
    strategies: z.record(Id, Strategy).describe('Strategies by id; exactly one is the baseline.'),
    stresses: z.record(Id, Stress).default({}).describe('Named stresses by id.'),
  })
  .describe('A cxsim scenario.');

/** A scenario as written (defaults not yet applied). */
export type ScenarioInput = z.input<typeof Scenario>;
/** A scenario with every default applied: what the engine reads. */
export type Scenario = z.output<typeof Scenario>;
export type Pool = z.output<typeof Pool>;
export type Segment = z.output<typeof Segment>;
export type Journey = z.output<typeof Journey>;
export type Stage = z.output<typeof Stage>;
export type Touchpoint = z.output<typeof Touchpoint>;
export type Workforce = z.output<typeof Workforce>;
export type Lever = z.output<typeof Lever>;
export type Strategy = z.output<typeof Strategy>;
export type Rule = z.output<typeof Rule>;
export type Stress = z.output<typeof Stress>;
export type Portfolio = z.output<typeof Portfolio>;
export type Competitor = z.output<typeof Competitor>;
export type Behaviour = z.output<typeof Behaviour>;
export type Meta = z.output<typeof Meta>;
export type Valuation = z.output<typeof Valuation>;

/** Value types after uncertain parameters have been drawn: every Param is a number. */
export type Resolved<T> = T extends Distribution
  ? number
  : T extends number
    ? number
    : T extends readonly unknown[]
      ? { [K in keyof T]: Resolved<T[K]> }
      : T extends object
        ? { [K in keyof T]: Resolved<T[K]> }
        : T;
export type ResolvedScenario = Resolved<Scenario>;
