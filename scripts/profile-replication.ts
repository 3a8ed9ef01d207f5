/**
 * `node --cpu-prof --cpu-prof-dir DIR bin/run-ts.js scripts/profile-replication.ts [--scenario FILE]
 * [--scale F] [--year-ends] [--kernel generic]`: one replication of the baseline strategy, for a CPU
 * profile (scripts/profile-summary.ts reads it). A small warm-up replication runs first.
 */
import { parseArgs } from 'node:util';
import { readScenario } from '../src/cli/scenario-file.ts';
import { simulateReplication } from '../src/engine/replication.ts';
import type { Scenario } from '../src/scenario/schema.ts';

const { values } = parseArgs({
  options: {
    scenario: { type: 'string', default: 'scenarios/bench-1m.yaml' },
    scale: { type: 'string', default: '0.1' },
    'year-ends': { type: 'boolean', default: false },
    kernel: { type: 'string' },
  },
});
const scenario: Scenario = readScenario(values.scenario!);
const strategy = Object.keys(scenario.strategies).find((id) => scenario.strategies[id].baseline) ?? Object.keys(scenario.strategies)[0];
const scaled = (factor: number, months = scenario.meta.horizonMonths): Scenario => {
  const copy: Scenario = structuredClone(scenario);
  copy.meta.horizonMonths = months;
  copy.meta.agentScale /= factor; // fewer agents for the same real customers: acquisitions scale too
  return copy;
};
const kernel = values.kernel === 'generic' ? 'generic' : 'generated';
simulateReplication({ scenario: scaled(0.01, 24), strategy, replication: 99, yearEnds: values['year-ends'] }, { kernel });
const t0 = performance.now();
const c0 = process.cpuUsage();
// a named frame, so the profile summary counts only this replication
function measuredReplication() {
  return simulateReplication({ scenario: scaled(Number(values.scale)), strategy, replication: 0, yearEnds: values['year-ends'] }, { kernel });
}
const r = measuredReplication();
const c = process.cpuUsage(c0);
process.stdout.write(
  JSON.stringify({ wallSeconds: (performance.now() - t0) / 1000, cpuSeconds: (c.user + c.system) / 1e6, aliveCustomerSteps: r.totals.aliveCustomerSteps, customers: r.totals.initialCustomers + r.totals.acquired }) + '\n',
);
