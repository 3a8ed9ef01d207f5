/**
 * The "How the money flows" section of docs/scenario-reference.md: the units of money in a
 * scenario (market wallet → share of wallet → our revenue → margin; yearly budget → monthly
 * spend → capital → effect), with a worked example whose numbers are computed by running the
 * engine on the small scenario printed in the section, so the text cannot drift from the code.
 * Deterministic (fixed seed, no noise), so the generated reference is stable.
 */
import { parseScenarioText } from '../src/scenario/load.ts';
import { simulate } from '../src/engine/simulate.ts';
import { leverEffect, capitalRetention } from '../src/model/lever.ts';
import { makeClock } from '../src/model/time.ts';
import type { Scenario } from '../src/scenario/schema.ts';

/** The example: a gym chain with one pool, one touchpoint and one friction lever. */
export const MONEY_FLOW_YAML = `meta: {name: gym example, currency: EUR, horizonMonths: 60, replications: 1, seed: 7}
pools:
  gym: {marginRate: 0.4, costToServe: 5}
segments:
  members:
    initialCustomers: 1000
    churn: {annualRate: 0}            # no churn, so the flow is easy to follow
    wallet: {gym: {mean: 60, cv: 0}}  # the MARKET wallet: EUR 60 per member per month
    initialSatisfaction: 0.5
    serviceNeed: 0                    # no service contacts: only the check-in moves satisfaction
journeys:
  visit:
    stages:
      member:
        touchpoints:
          checkin: {visitProbability: 1, friction: 0.3, baseQuality: 0.8, noise: 0}
levers:
  fix-checkin:
    kind: friction
    targets: [checkin]
    decayPerMonth: 0.05
    response: {scale: 200000}        # sized below: (120000 / 12) / 0.05
strategies:
  none: {baseline: true}
  invest:
    budget: {perYear: 120000, allocation: {fix-checkin: 1}}
`;

const fmt = (x: number, digits = 0) => x.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

function example(): Scenario {
  const r = parseScenarioText(MONEY_FLOW_YAML, 'money-flow-example.yaml');
  if (!r.ok) throw new Error(`the money-flow example does not validate: ${JSON.stringify(r.problems)}`);
  return r.scenario;
}

export interface MoneyFlowRow {
  month: number;
  spend: number;
  capital: number;
  effect: number;
  friction: number;
  satisfaction: number;
  share: number;
  revenue: number;
  margin: number;
  revenueNone: number;
}

/** The worked example, month by month, from the engine (effects cross-checked against the lever formula). */
export function moneyFlowRows(months = [1, 6, 12, 24, 36, 60]): MoneyFlowRow[] {
  const sc = example();
  const [invest] = simulate(sc, 'invest');
  const [none] = simulate(sc, 'none');
  const lever = sc.levers['fix-checkin'] as Parameters<typeof leverEffect>[0];
  const clock = makeClock(sc.meta.horizonMonths, sc.meta.stepsPerYear, sc.meta.discountRate);
  const retention = capitalRetention(lever, clock);
  const f0 = sc.journeys.visit.stages.member.touchpoints.checkin.friction as number;
  const s = invest.series;
  const rows: MoneyFlowRow[] = [];
  let capital = 0;
  for (let t = 0; t < clock.steps; t++) {
    const spend = s['cxSpend.fix-checkin'][t];
    capital = capital * retention + lever.efficiency * spend;
    const effect = 1 - s['friction.checkin'][t] / f0;
    // the section's capital column is the documented recurrence; it must give the engine's effect
    if (Math.abs(leverEffect(lever, capital) - effect) > 1e-9) {
      throw new Error(`money-flow example: capital ${capital} gives effect ${leverEffect(lever, capital)} but the engine has ${effect} at step ${t}`);
    }
    if (months.includes(t + 1)) {
      rows.push({
        month: t + 1,
        spend,
        capital,
        effect,
        friction: s['friction.checkin'][t],
        satisfaction: s.satisfaction[t],
        share: s['share.gym'][t],
        revenue: s.revenue[t],
        margin: s.margin[t],
        revenueNone: none.series.revenue[t],
      });
    }
  }
  return rows;
}

export function moneyFlowSection(): string {
  const rows = moneyFlowRows();
  const first = rows[0];
  const last = rows[rows.length - 1];
  const steady = (120000 / 12) / 0.05;
  const table = [
    '| month | spend (EUR/month) | capital (EUR) | effect | friction | satisfaction | share of wallet | revenue (EUR/month) | margin (EUR/month) | revenue without the lever |',
    '|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map(
      (r) =>
        `| ${r.month} | ${fmt(r.spend)} | ${fmt(r.capital)} | ${pct(r.effect)} | ${r.friction.toFixed(3)} | ${r.satisfaction.toFixed(3)} | ${pct(r.share)} | ${fmt(r.revenue)} | ${fmt(r.margin)} | ${fmt(r.revenueNone)} |`,
    ),
  ];
  return [
    '## How the money flows',
    '',
    'Two chains turn the numbers of a scenario into money. Every amount is in `meta.currency` and',
    'counts real customers (not simulated agents); what differs is *per whom* and *per what period*:',
    '',
    '| field | unit |',
    '|---|---|',
    '| `segments.<id>.wallet.<pool>.mean` | currency per customer per month — the customer\'s whole **market** wallet in the pool, across all suppliers |',
    '| `pools.<id>.costToServe`, `portfolios.<id>.treatment.costPerCustomerPerMonth` | currency per customer per month |',
    '| `touchpoints.<id>.costPerVisit`, `workforce.automation.costPerContact`, `levers.<id>.offer.costPerOffer` | currency per visit / contact / offer |',
    '| `segments.<id>.acquisition.cost`, `workforce.hiringCost`, `workforce.trainingCost` | currency per new customer / per hire, once |',
    '| `workforce.wagePerMonth` | currency per employee per month (the firm pays headcount × this) |',
    '| `strategies.<id>.budget.perYear` | currency per year for the **whole firm** (spent evenly, ÷ 12 a month) |',
    '| `strategies.<id>.schedules` | currency per month for the whole firm |',
    '| `levers.<id>.response.scale` | currency of **capital** — a firm-level stock, not a flow and not per customer |',
    '',
    'Rates over time are per year where the name or description says so: `churn` (θ, a probability per',
    'year), `trajectory.rate`, `volatility`, `bass.p`/`q`, `steepness`, `discountRate`,',
    '`workforce.turnover.annualRate`. Probabilities and shares per month are per month:',
    '`visitProbability`, `next`, `decayPerMonth`, `adjustmentPerMonth`; counts per month:',
    '`prospectsPerMonth`, `serviceNeed`, `referralRate`. Steps of a week or a quarter',
    '(`meta.stepsPerYear`) convert all of them.',
    '',
    '**Revenue.** Each month a customer\'s market spend in a pool is `wallet.mean` × the pool\'s wallet',
    'index (1 at month 0). We get our **share of wallet** of it: `behaviour.shareOfWallet.base` (0.5 by',
    'default) at satisfaction `s_ref` and readiness 0.5, higher when satisfaction or readiness is higher',
    '(logistic). So revenue per customer per month = wallet × share of wallet, margin = revenue ×',
    '`marginRate` − `costToServe` − visit costs. A wallet of 60 is *not* 60 of revenue: at the base it is 30.',
    '',
    '**CX spend.** A strategy\'s `budget.perYear` × a lever\'s `allocation` is spread evenly over the',
    'year (÷ `stepsPerYear` per step). Each month the lever\'s capital is C ← C·(1 − `decayPerMonth`) +',
    '`efficiency` × spend, so with a steady spend s per month capital settles at **s / δ** (it gets',
    '63% of the way there in 1/δ months). The effect is `max`·(1 − exp(−C/`scale`)) (exponential) or',
    '`max`·Cⁿ/(Cⁿ + `scale`ⁿ) (hill): **`scale` is an amount of capital**, compared with s / δ, not with',
    'the yearly budget.',
    '',
    '**Sizing `response.scale` against a yearly budget B.** With allocation a and decay δ the steady',
    `capital is (a·B/12)/δ. Choose scale = (a·B/12)/δ for 63% of \`max\` at steady state (exponential), or`,
    'half that for 86%, or twice that for 39%. With B = 120,000 a year, a = 1 and δ = 0.05, steady',
    `capital is ${fmt(steady)}: the example below uses scale = ${fmt(steady)}.`,
    '',
    '### Worked example (computed by the engine)',
    '',
    'A gym chain: 1,000 members, each with a market wallet of EUR 60 a month at the gym; margin rate',
    '0.4 and a cost to serve of EUR 5 per member per month; one touchpoint (check-in) with friction',
    '0.3; a friction lever funded with EUR 120,000 a year.',
    '',
    '```yaml',
    MONEY_FLOW_YAML.trimEnd(),
    '```',
    '',
    `Month 1 without the lever: 1,000 × EUR 60 × share ${pct(first.share)} = EUR ${fmt(first.revenueNone)} revenue a month;`,
    `margin = revenue × 0.4 − 1,000 × EUR 5. With the lever (strategy \`invest\`), from \`cxsim run\`'s series:`,
    '',
    ...table,
    '',
    `At month 60 the lever adds EUR ${fmt(last.margin - (last.revenueNone * 0.4 - 5000))} of margin a month for EUR ${fmt(last.spend)} of spend a month:`,
    'in this example the check-in fix does not pay for itself — a scenario with a larger wallet, more',
    'members or a smaller `scale` would. `cxsim compare` reports exactly this trade-off, discounted.',
    '',
    'The capital column follows the recurrence above and reproduces the engine\'s effect exactly',
    '(`npm run docs` refuses to write the reference otherwise). Effect is the share of friction removed;',
    'lower friction lifts satisfaction, which lifts the share of wallet and with it revenue.',
    'Source: scripts/money-flow.ts.',
    '',
  ].join('\n');
}
