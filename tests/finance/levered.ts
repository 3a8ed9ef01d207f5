/**
 * The `levered` scenario of the finance tests (re-exported by small-scenarios.ts), in a module of
 * its own so that tests which only need the scenario do not load the engine (the mutation tests
 * re-import their files for every mutant).
 */
import { Scenario, type ScenarioInput } from '../../src/scenario/schema.ts';

/** Levers of every budget-driven kind, a trigger rule, a workforce, a stress: for the stress tests. */
export function leveredInput(): ScenarioInput {
  return {
    meta: { name: 'levered', horizonMonths: 24, seed: 5, replications: 4, agentScale: 10 },
    pools: { core: { marginRate: 0.3, costToServe: 0.5 }, next: { kind: 'emerging', marginRate: 0.4, readiness: 0.3, initialAdoption: 0.05 } },
    segments: {
      s: {
        initialCustomers: 4000,
        churn: { alpha: 1, beta: 4 },
        acquisition: { prospectsPerMonth: 400, conversion: 0.1, cost: 20 },
        wallet: { core: { mean: 40, cv: 0.5 }, next: { mean: 20, cv: 0.5 } },
        serviceNeed: 0.2,
      },
    },
    journeys: {
      j: {
        stages: {
          use: { touchpoints: { shop: { visitProbability: 0.5, friction: 0.4, floor: 0.05, pool: 'core', served: 'human' }, app: { visitProbability: 0.4, friction: 0.4, pool: 'next' } } },
        },
      },
    },
    workforce: { headcount: 5 },
    competitors: { rival: { experience: { core: 0.5, next: 0.6 } } },
    levers: {
      fix: { kind: 'friction', targets: ['shop'], response: { scale: 20000 } },
      ready: { kind: 'readiness', targets: ['next'], response: { scale: 30000 } },
      grow: { kind: 'acquisition', targets: ['s'], response: { scale: 20000, max: 0.5 } },
      care: { kind: 'employeeSupport', response: { scale: 10000 } },
      keep: { kind: 'retentionOffer', response: { scale: 5000 } },
    },
    strategies: {
      zero: { baseline: true },
      spend: {
        budget: { perYear: 120000, allocation: { fix: 0.3, ready: 0.2, grow: 0.2, keep: 0.1 } },
        rules: [{ when: { indicator: 'month', above: 6 }, move: { share: 0.5, from: 'fix', to: 'ready' } }],
        schedules: { care: [[0, 1000], [12, 2000]] },
      },
    },
    stresses: { slump: { shocks: [{ kind: 'recession', fromMonth: 6, toMonth: 18, walletFactor: 0.8 }] } },
  };
}

export const levered = () => Scenario.parse(leveredInput());
