// A simple random sample of code lines of some files, as a Stryker --mutate list
// ("file:L-L,file:L-L,..."): for estimating a folder's mutation score from the mutants on the
// sampled lines when the whole folder cannot be run in the time there is (issue 17 item 4).
// Lines that are blank, comments or imports are not sampled (they hold no mutants).
//   node reports/mutation/sample-lines.mjs <count> <seed> file...
import { readFileSync } from 'node:fs';

const [count, seed, ...files] = process.argv.slice(2);
let s = Number(seed) >>> 0 || 1;
const rand = () => ((s = (Math.imul(s ^ (s >>> 15), 0x2c1b3c6d) + 0x6d2b79f5) >>> 0), s / 2 ** 32); // small seeded generator
const lines = [];
for (const f of files) {
  let inComment = false;
  readFileSync(f, 'utf8').split('\n').forEach((text, i) => {
    const t = text.trim();
    const comment = inComment || t.startsWith('//') || t.startsWith('/*') || t.startsWith('*');
    if (t.startsWith('/*')) inComment = !t.includes('*/');
    else if (inComment && t.includes('*/')) inComment = false;
    if (!t || comment || t.startsWith('import ') || t === '}' || t === '};' || t === '});') return;
    lines.push(`${f}:${i + 1}-${i + 1}`);
  });
}
// partial Fisher–Yates
const n = Math.min(Number(count), lines.length);
for (let i = 0; i < n; i++) {
  const j = i + Math.floor(rand() * (lines.length - i));
  [lines[i], lines[j]] = [lines[j], lines[i]];
}
console.error(`${n} of ${lines.length} code lines`);
console.log(lines.slice(0, n).sort().join(','));
