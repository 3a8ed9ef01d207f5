/**
 * Mutation score per folder from StrykerJS JSON reports (reports/mutation/<folder>/mutation.json),
 * for all tests and, optionally, for the tests outside some files (the score "before" those
 * tests were added; exact for folders run with disableBail, see scripts/mutation/tally.ts).
 *
 *   node bin/run-ts.js scripts/mutation-score.ts [report.json ...] [--without tests/pinned/,tests/x.test.ts]
 *
 * Without a report named, every reports/mutation/<folder>/mutation.json that exists is read.
 */
import { existsSync } from 'node:fs';
import { FOLDERS } from '../mutation.folders.mjs';
import { score, tallyReport, type Tally } from './mutation/tally.ts';

const args = process.argv.slice(2);
const withoutAt = args.indexOf('--without');
const without = withoutAt >= 0 ? (args[withoutAt + 1] ?? '').split(',').filter(Boolean) : [];
const named = args.filter((a, i) => !a.startsWith('--') && !(withoutAt >= 0 && i === withoutAt + 1));
const files = named.length ? named : Object.keys(FOLDERS).map((f) => `reports/mutation/${f}/mutation.json`).filter((f) => existsSync(f));

const line = (folder: string, label: string, x: Tally) =>
  `${folder} ${label}: ${score(x).toFixed(1)}% (${x.killed} killed or timed out, ${x.survived} survived, ${x.noCoverage} not covered, ${x.ignored} ignored)`;
for (const file of files) {
  for (const [folder, t] of tallyReport(file, without)) {
    console.log(line(folder, 'all tests', t.all));
    if (without.length) console.log(line(folder, `without ${without.join(', ')}`, t.before));
  }
}
