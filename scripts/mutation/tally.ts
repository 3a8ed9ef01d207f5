/**
 * Mutation score of a StrykerJS JSON report, per folder of src/: Stryker's definition,
 * score = (killed + timed out) / (killed + timed out + survived + not covered); ignored, compile
 * and runtime errors are outside it. Optionally the score "before" some test files were added:
 * a mutant counts as killed only if a test outside them killed it (exact for a run with
 * disableBail, where every covering test runs; with bail, Stryker records only the first kill).
 */
import { readFileSync } from 'node:fs';

interface Mutant {
  status: string;
  killedBy?: string[];
}
interface Report {
  files: Record<string, { mutants: Mutant[] }>;
  testFiles?: Record<string, { tests: { id: string }[] }>;
}

export interface Tally {
  killed: number;
  survived: number;
  noCoverage: number;
  ignored: number;
}

export function score(t: Tally): number {
  return (100 * t.killed) / (t.killed + t.survived + t.noCoverage);
}

/** Per folder (`src/<name>`): every test, and without the test files whose path contains one of `without`. */
export function tallyReport(path: string, without: string[] = []): Map<string, { all: Tally; before: Tally }> {
  const report = JSON.parse(readFileSync(path, 'utf8')) as Report;
  const fileOfTest = new Map<string, string>();
  for (const [f, t] of Object.entries(report.testFiles ?? {})) for (const x of t.tests) fileOfTest.set(x.id, f);
  const excluded = (id: string) => without.some((w) => (fileOfTest.get(id) ?? '').includes(w));
  const empty = (): Tally => ({ killed: 0, survived: 0, noCoverage: 0, ignored: 0 });
  const byFolder = new Map<string, { all: Tally; before: Tally }>();
  for (const [file, { mutants }] of Object.entries(report.files)) {
    const folder = file.split('/').slice(0, 2).join('/');
    const t = byFolder.get(folder) ?? { all: empty(), before: empty() };
    for (const m of mutants) {
      const killed = m.status === 'Killed' || m.status === 'Timeout';
      const killedBefore = m.status === 'Timeout' || (m.status === 'Killed' && (m.killedBy ?? []).some((id) => !excluded(id)));
      for (const [tally, kill] of [[t.all, killed], [t.before, killedBefore]] as const) {
        if (m.status === 'Ignored' || m.status === 'CompileError' || m.status === 'RuntimeError') tally.ignored++;
        else if (kill) tally.killed++;
        else if (m.status === 'NoCoverage') tally.noCoverage++;
        else tally.survived++;
      }
    }
    byFolder.set(folder, t);
  }
  return byFolder;
}
