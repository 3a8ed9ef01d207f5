/**
 * `npm run mutation [-- --folder <name>] [--full] [stryker options]`: StrykerJS on each folder
 * of the mutation scope (mutation.folders.mjs) in turn, or on the one named by --folder, each
 * with its own tests, incremental file and report in reports/mutation/<folder>/.
 *
 * - Incremental by default: the committed reports/mutation/<folder>/stryker-incremental.json
 *   lets Stryker reuse the result of every mutant whose code and covering tests are unchanged.
 * - --full ignores the incremental file and tests every mutant again (Stryker's --force).
 * - Any other option (--concurrency 1, --mutate src/finance/tail-risk.ts, ...) goes to
 *   `stryker run`.
 * After each folder: its score, how many mutants were tested anew and its wall time; at the end
 * a table of every folder run. Exit status: the first failing Stryker run's, else 0.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { FOLDERS } from '../mutation.folders.mjs';
import { score, tallyReport } from './mutation/tally.ts';

const args = process.argv.slice(2);
const at = args.indexOf('--folder');
const named = at >= 0 ? args[at + 1] : undefined;
if (at >= 0 && (!named || !(named in FOLDERS))) {
  console.error(`--folder: expected one of ${Object.keys(FOLDERS).join(', ')}${named ? `, got "${named}"` : ''}`);
  process.exit(2);
}
const rest = (at >= 0 ? [...args.slice(0, at), ...args.slice(at + 2)] : args).map((a) => (a === '--full' ? '--force' : a));
const folders = named ? [named] : Object.keys(FOLDERS);

interface Row {
  folder: string;
  exit: number;
  minutes: number;
  reused: number | null;
  mutants: number | null;
  score: string;
  counts: string;
}

/** Runs `stryker run` for one folder, echoing its output; resolves to its exit status and the reuse line's counts. */
function stryker(folder: string): Promise<{ exit: number; reused: number | null; mutants: number | null }> {
  return new Promise((done) => {
    const child = spawn('npx', ['stryker', 'run', ...rest], { stdio: ['inherit', 'pipe', 'inherit'], env: { ...process.env, CXSIM_MUTATION_FOLDER: folder } });
    let reused: number | null = null, mutants: number | null = null, tail = '';
    child.stdout.on('data', (chunk: Buffer) => {
      process.stdout.write(chunk);
      tail = (tail + chunk.toString()).replace(/\x1b\[[0-9;]*m/g, '').slice(-4000);
      const m = /(\d+) of (\d+) mutant result\(s\) are reused/.exec(tail);
      if (m) [reused, mutants] = [Number(m[1]), Number(m[2])];
    });
    child.on('close', (code) => done({ exit: code ?? 1, reused, mutants }));
  });
}

const rows: Row[] = [];
for (const folder of folders) {
  console.log(`\n== mutation testing src/${folder} ==`);
  const started = Date.now();
  const run = await stryker(folder);
  const minutes = (Date.now() - started) / 60000;
  const report = `reports/mutation/${folder}/mutation.json`;
  const t = run.exit === 0 && existsSync(report) ? tallyReport(report).get(`src/${folder}`)?.all : undefined;
  const row: Row = {
    folder: `src/${folder}`,
    exit: run.exit,
    minutes,
    reused: run.reused,
    mutants: run.mutants,
    score: t ? `${score(t).toFixed(1)}%` : 'failed',
    counts: t ? `${t.killed} killed or timed out, ${t.survived} survived, ${t.noCoverage} not covered, ${t.ignored} ignored` : `stryker exit ${run.exit}`,
  };
  rows.push(row);
  const anew = row.mutants === null ? 'every mutant tested' : `${row.mutants - (row.reused ?? 0)} of ${row.mutants} mutants tested anew`;
  console.log(`== ${row.folder}: score ${row.score} (${row.counts}); ${anew}; ${minutes.toFixed(1)} min ==`);
}

const table = [
  ['folder', 'score', 'mutants', 'tested anew', 'wall time'],
  ...rows.map((r) => [
    r.folder,
    r.score,
    r.counts,
    r.mutants === null ? 'all' : `${r.mutants - (r.reused ?? 0)} / ${r.mutants}`,
    `${r.minutes.toFixed(1)} min`,
  ]),
];
const widths = table[0].map((_, i) => Math.max(...table.map((row) => row[i].length)));
console.log('\nMutation testing summary (reports/mutation/<folder>/mutation.html; equivalent mutants: reports/mutation/EQUIVALENT*.md)');
for (const [i, row] of table.entries()) {
  console.log(row.map((cell, j) => cell.padEnd(widths[j])).join('  '));
  if (i === 0) console.log(widths.map((w) => '-'.repeat(w)).join('  '));
}
console.log(`total: ${rows.reduce((s, r) => s + r.minutes, 0).toFixed(1)} min`);
process.exit(rows.find((r) => r.exit !== 0)?.exit ?? 0);
