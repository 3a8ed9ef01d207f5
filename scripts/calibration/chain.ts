// The service-profit chain of the default calibration against Sears (Rucci, Kirn & Quinn, "The
// Employee-Customer-Profit Chain at Sears", HBR 1998): prints each link's elasticity, measured by
// paired simulation under common random numbers (design and unit mapping in
// scripts/calibration/service-profit-chain.ts and docs/model.md §6.6), with standard errors over
// the paired replications and the ratio to Sears.
//
// Run:  node bin/run-ts.js scripts/calibration/chain.ts [--customers 50000] [--replications 8]
//            [--variant store,contacts,mixed] [--before]
// --before measures the calibration as it was before issue 9 (share-of-wallet slope 4).
import { parseArgs } from 'node:util';
import {
  CALIBRATION_BEFORE_ISSUE_9,
  SEARS,
  VARIANTS,
  measureChain,
  type Estimate,
  type Variant,
} from './service-profit-chain.ts';

const { values } = parseArgs({
  options: {
    customers: { type: 'string', default: '50000' },
    replications: { type: 'string', default: '8' },
    variant: { type: 'string', default: VARIANTS.join(',') },
    before: { type: 'boolean', default: false },
    seed: { type: 'string', default: '7' },
  },
});
const customers = Number(values.customers);
const replications = Number(values.replications);
const variants = values.variant.split(',') as Variant[];
for (const v of variants) if (!VARIANTS.includes(v)) throw new Error(`unknown variant ${v} (expected ${VARIANTS.join(', ')})`);

const DESCRIPTION: Record<Variant, string> = {
  store: 'store visit served by employees (half the months) + service contacts — the Sears-like reference',
  contacts: 'service contacts only',
  mixed: 'service contacts + a self-service (automated) touchpoint (half the months)',
};
const f = (e: Estimate, d = 3) => `${e.mean.toFixed(d)} ± ${e.se.toFixed(d)}`;
const row = (cells: string[]) => `| ${cells.join(' | ')} |`;

console.log(
  `Calibration: ${values.before ? 'before issue 9 (share-of-wallet slope 4)' : 'schema defaults'}; ${customers} customers, ${replications} paired replications, seed ${values.seed}; ± = standard error over replications.`,
);
console.log('Units: one Sears index unit = 0.01 on the 0–1 engagement and satisfaction scales; revenue growth in percentage points a year.\n');
console.log(row(['reference firm', 'link', 'cxsim', 'Sears', 'cxsim / Sears']));
console.log(row(['---', '---', '---:', '---:', '---:']));
const details: string[] = [];
for (const variant of variants) {
  const m = measureChain({ variant, customers, replications, seed: Number(values.seed), calibration: values.before ? CALIBRATION_BEFORE_ISSUE_9 : undefined });
  const ec = m.employeeToCustomer, cr = m.customerToRevenue;
  const ratio = (e: Estimate, s: number) => `${(e.mean / s).toFixed(2)} ± ${(e.se / s).toFixed(2)}`;
  console.log(row([variant, 'employee → customer (satisfaction units per engagement unit, year 5)', f(ec.link), SEARS.employeeToCustomer.toFixed(3), ratio(ec.link, SEARS.employeeToCustomer)]));
  console.log(row([variant, 'customer → revenue (points of year-1 revenue growth per satisfaction unit)', f(cr.link), SEARS.customerToRevenue.toFixed(3), ratio(cr.link, SEARS.customerToRevenue)]));
  console.log(row([variant, 'end to end (product; points of revenue growth per engagement unit)', f(m.endToEnd), SEARS.endToEnd.toFixed(3), ratio(m.endToEnd, SEARS.endToEnd)]));
  details.push(
    `${variant}: ${DESCRIPTION[variant]}`,
    `  base: satisfaction ${ec.baseSatisfaction.toFixed(3)}, service quality ${ec.baseServiceQuality.toFixed(3)}; revenue drift of the base year 1 → 2 ${cr.baseDrift.toFixed(2)}%`,
    `  +5 engagement units: Δ employee experience ${f(ec.dExperience, 4)}, Δ annual turnover ${f(ec.dTurnoverAnnualPoints, 2)} points, Δ service quality ${f(ec.dServiceQuality, 4)}`,
    `    Δ satisfaction (units) years 1–5: ${ec.dSatisfactionByYear.map((e) => f(e, 2)).join(' | ')}`,
    `    Δ revenue growth per engagement unit (points) years 1–5: ${ec.dGrowthPerEmployeeUnitByYear.map((e) => f(e, 3)).join(' | ')}`,
    `  +1.3 satisfaction units: Δ satisfaction year 1 ${f(cr.dSatisfaction, 3)} units`,
    `    Δ revenue growth per satisfaction unit (points) years 1–5: ${cr.dGrowthByYear.map((e) => f(e, 3)).join(' | ')}`,
    `    Δ active customers at month 60 per satisfaction unit: ${f(cr.dActivePerUnit, 2)}%`,
  );
}
console.log('\n' + details.join('\n'));
