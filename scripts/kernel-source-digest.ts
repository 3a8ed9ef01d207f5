/**
 * SHA-256 of the source of every generated kernel (src/engine/kernel/generate.ts) over every
 * scenarios/*.yaml and 60 random valid scenarios (tests/support/scenario-arbitrary.ts, fixed
 * seed) × every strategy × payment in arrears and in advance × live list on and off. Moving a
 * mechanic's kernel fragment must leave it unchanged: the same text is the same compiled kernel.
 *
 *   node bin/run-ts.js scripts/kernel-source-digest.ts
 */
import { createHash } from 'node:crypto';
import { readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { readScenario } from '../src/cli/scenario-file.ts';
import { makeStepInput, makeStepOutputs } from '../src/engine/firm-step.ts';
import { generateKernelSource, kernelShape } from '../src/engine/kernel/generate.ts';
import { compileModel } from '../src/model/compile.ts';
import { Scenario } from '../src/scenario/schema.ts';
import { validScenario } from '../tests/support/scenario-arbitrary.ts';

const dir = resolve(import.meta.dirname, '../scenarios');
const scenarios: Scenario[] = readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort().map((f) => readScenario(join(dir, f)));
for (const input of fc.sample(validScenario, { seed: 77, numRuns: 60 })) scenarios.push(Scenario.parse(input));
const h = createHash('sha256');
let kernels = 0;
for (const base of scenarios)
  for (const paymentTiming of ['arrears', 'advance'] as const) {
    const sc: Scenario = structuredClone(base);
    sc.valuation = { ...sc.valuation, paymentTiming } as Scenario['valuation'];
    for (const strategy of Object.keys(sc.strategies)) {
      const m = compileModel({ scenario: sc, strategy, replication: 0 });
      const z = makeStepInput(m, makeStepOutputs(m), new Float64Array(m.poolIds.length));
      for (const live of [true, false]) {
        h.update(generateKernelSource(kernelShape(m, z, live)));
        kernels++;
      }
    }
  }
console.log(`kernel sources ${h.digest('hex')}   (${kernels} kernels)`);
