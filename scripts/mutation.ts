/**
 * `npm run mutation [-- --folder <name>] [stryker options]`: StrykerJS on each folder of the
 * mutation scope (mutation.folders.mjs) in turn, or on the one named by --folder, each with its
 * own tests, incremental file and report in reports/mutation/<folder>/. Other options (--force,
 * --concurrency 1, --mutate src/finance/tail-risk.ts, ...) are passed to `stryker run`; then
 * the score per folder is printed (scripts/mutation-score.ts).
 */
import { spawnSync } from 'node:child_process';
import { FOLDERS } from '../mutation.folders.mjs';

const args = process.argv.slice(2);
const at = args.indexOf('--folder');
const named = at >= 0 ? args[at + 1] : undefined;
if (at >= 0 && (!named || !(named in FOLDERS))) {
  console.error(`--folder: expected one of ${Object.keys(FOLDERS).join(', ')}${named ? `, got "${named}"` : ''}`);
  process.exit(2);
}
const rest = at >= 0 ? [...args.slice(0, at), ...args.slice(at + 2)] : args;
const folders = named ? [named] : Object.keys(FOLDERS);

let status = 0;
for (const folder of folders) {
  console.log(`\n== mutation testing src/${folder} ==`);
  const started = Date.now();
  const run = spawnSync('npx', ['stryker', 'run', ...rest], { stdio: 'inherit', env: { ...process.env, CXSIM_MUTATION_FOLDER: folder } });
  console.log(`== src/${folder}: ${((Date.now() - started) / 60000).toFixed(1)} min, exit ${run.status} ==`);
  if (run.status !== 0) status = run.status ?? 1;
}
spawnSync(process.execPath, ['bin/run-ts.js', 'scripts/mutation-score.ts', ...folders.map((f) => `reports/mutation/${f}/mutation.json`)], { stdio: 'inherit' });
process.exit(status);
