/**
 * The long run of the finite-outputs property (issue 10): `npm run fuzz -- [cases] [seed]`
 * (default 10 000 cases, seed 20261201). Generates scenarios with parameters pushed to
 * extremes, keeps those the validator accepts, simulates each at small scale and counts the
 * accepted scenarios simulated and how many produced a non-finite number or threw. Exit 1
 * when any did, printing the first few with their scenario as YAML for a reproduction.
 */
import fc from 'fast-check';
import { stringify } from 'yaml';
import { checkScenario, extremeScenario } from '../tests/support/finite-property.ts';

const cases = Number(process.argv[2] ?? 10000);
const seed = Number(process.argv[3] ?? 20261201);
const counts = { generated: 0, rejected: 0, finite: 0, nonFinite: 0, threw: 0 };
let customerSteps = 0;
const failures: string[] = [];
const t0 = performance.now();
for (const input of fc.sample(extremeScenario, { numRuns: cases, seed })) {
  counts.generated++;
  const r = checkScenario(input);
  if (r.kind === 'rejected') counts.rejected++;
  else if (r.kind === 'finite') {
    counts.finite++;
    customerSteps += r.customerSteps;
  } else {
    counts[r.kind]++;
    const text = `${r.kind === 'threw' ? r.error.split('\n').slice(0, 3).join(' | ') : r.where}\n${stringify(input)}`;
    if (failures.length < 5) failures.push(text);
    process.stderr.write(`--- failure at case ${counts.generated}\n${text}\n`);
  }
  if (counts.generated % 500 === 0) process.stderr.write(`${counts.generated}/${cases} · accepted ${counts.finite + counts.nonFinite + counts.threw} · non-finite ${counts.nonFinite} · threw ${counts.threw}\n`);
}
const accepted = counts.finite + counts.nonFinite + counts.threw;
process.stdout.write(
  `${counts.generated} scenarios generated (seed ${seed}), ${counts.rejected} rejected by the validator, ${accepted} accepted and simulated: ` +
    `${counts.finite} all finite, ${counts.nonFinite} with a non-finite number, ${counts.threw} threw; ` +
    `${customerSteps.toLocaleString('en-US')} alive customer-steps in ${((performance.now() - t0) / 1000).toFixed(0)} s\n`,
);
for (const f of failures) process.stdout.write(`\n--- failure\n${f}`);
process.exitCode = counts.nonFinite + counts.threw > 0 ? 1 : 0;
