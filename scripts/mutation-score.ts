/**
 * Mutation score per folder from a StrykerJS JSON report (reports/mutation/mutation.json), for
 * all tests and, optionally, for the tests outside some files (the score "before" those tests
 * were added: a mutant counts as killed only if a test from the remaining files killed it —
 * exact because stryker.config.mjs runs every covering test, disableBail).
 *
 *   node bin/run-ts.js scripts/mutation-score.ts [report.json ...] [--without tests/pinned/,tests/x.test.ts]
 *
 * Without a report named, every reports/mutation/<folder>/mutation.json that exists is read.
 * (--without is exact only for a run with --disableBail: Stryker otherwise stops at the first
 * test that kills a mutant.)
 *
 * Score = (killed + timeout) / (killed + timeout + survived + no coverage), Stryker's definition.
 */
import { existsSync, readFileSync } from 'node:fs';
import { FOLDERS } from '../mutation.folders.mjs';

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
const withoutAt = args.indexOf('--without');
const without = withoutAt >= 0 ? (args[withoutAt + 1] ?? '').split(',').filter(Boolean) : [];
const named = args.filter((a, i) => !a.startsWith('--') && !(withoutAt >= 0 && i === withoutAt + 1));
const files = named.length ? named : Object.keys(FOLDERS).map((f) => `reports/mutation/${f}/mutation.json`).filter((f) => existsSync(f));
const reports = files.map((f) => JSON.parse(readFileSync(f, 'utf8')) as Report);

// test id → its file, to drop the tests of the excluded files (test ids are per report)
const testFile = new Map<Report, Map<string, string>>();
for (const report of reports) {
  const map = new Map<string, string>();
  for (const [f, t] of Object.entries(report.testFiles ?? {})) for (const x of t.tests) map.set(x.id, f);
  testFile.set(report, map);
}

type Tally = { killed: number; survived: number; noCoverage: number; ignored: number };
const byFolder = new Map<string, { all: Tally; before: Tally }>();
const empty = (): Tally => ({ killed: 0, survived: 0, noCoverage: 0, ignored: 0 });
for (const report of reports) for (const [path, { mutants }] of Object.entries(report.files)) {
  const excluded = (id: string) => without.some((w) => (testFile.get(report)?.get(id) ?? '').includes(w));
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
