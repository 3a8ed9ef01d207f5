/**
 * Mutation score per folder from a StrykerJS JSON report (reports/mutation/mutation.json), for
 * all tests and, optionally, for the tests outside some files (the score "before" those tests
 * were added: a mutant counts as killed only if a test from the remaining files killed it —
 * exact because stryker.config.mjs runs every covering test, disableBail).
 *
 *   node bin/run-ts.js scripts/mutation-score.ts [report.json] [--without tests/pinned/,tests/x.test.ts]
 *
 * Score = (killed + timeout) / (killed + timeout + survived + no coverage), Stryker's definition.
 */
import { readFileSync } from 'node:fs';

interface Mutant {
  id: string;
  mutatorName: string;
  status: string;
  killedBy?: string[];
  location: { start: { line: number; column: number } };
  replacement?: string;
}
interface Report {
  files: Record<string, { mutants: Mutant[] }>;
  testFiles?: Record<string, { tests: { id: string; name: string }[] }>;
}

const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith('--') && !args[args.indexOf(a) - 1]?.startsWith('--without')) ?? 'reports/mutation/mutation.json';
const without = (args[args.indexOf('--without') + 1] ?? '').split(',').filter((x) => args.includes('--without') && x);
const report = JSON.parse(readFileSync(file, 'utf8')) as Report;

// test id → its file, to drop the tests of the excluded files
const testFile = new Map<string, string>();
for (const [f, t] of Object.entries(report.testFiles ?? {})) for (const x of t.tests) testFile.set(x.id, f);
const excluded = (id: string) => without.some((w) => (testFile.get(id) ?? '').includes(w));

type Tally = { killed: number; survived: number; noCoverage: number; ignored: number };
const byFolder = new Map<string, { all: Tally; before: Tally }>();
const empty = (): Tally => ({ killed: 0, survived: 0, noCoverage: 0, ignored: 0 });
for (const [path, { mutants }] of Object.entries(report.files)) {
  const folder = path.split('/').slice(0, 2).join('/');
  const t = byFolder.get(folder) ?? { all: empty(), before: empty() };
  for (const m of mutants) {
    for (const [tally, kill] of [
      [t.all, m.status === 'Killed' || m.status === 'Timeout'],
      [t.before, m.status === 'Timeout' || (m.status === 'Killed' && (m.killedBy ?? []).some((id) => !excluded(id)))],
    ] as const) {
      if (m.status === 'Ignored' || m.status === 'CompileError' || m.status === 'RuntimeError') tally.ignored++;
      else if (kill) tally.killed++;
      else if (m.status === 'NoCoverage') tally.noCoverage++;
      else tally.survived++;
    }
  }
  byFolder.set(folder, t);
}
const score = (t: Tally) => ((100 * t.killed) / (t.killed + t.survived + t.noCoverage)).toFixed(1);
for (const [folder, t] of byFolder) {
  const line = (label: string, x: Tally) => `${folder} ${label}: ${score(x)}% (${x.killed} killed or timed out, ${x.survived} survived, ${x.noCoverage} not covered, ${x.ignored} ignored)`;
  console.log(line('all tests', t.all));
  if (without.length) console.log(line(`without ${without.join(', ')}`, t.before));
}
