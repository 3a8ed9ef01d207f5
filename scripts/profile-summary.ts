/**
 * `node bin/run-ts.js scripts/profile-summary.ts FILE.cpuprofile [PART]`: where a replication's CPU time
 * goes, from a V8 CPU profile of scripts/profile-replication.ts. Each sample is put in the first
 * part whose function is on its stack (innermost first for GC/idle, then by the rules below):
 * - run-off kernel / horizon kernel: the generated kernel (or stepCustomers, or the closure in
 *   kernel/cache.ts that calls it, to which V8 attributes the inlined kernel) under `runOff` or not;
 *   run-off samples before the horizon kernel's last sample are year-end run-offs, later ones the horizon's;
 * - population: `Population.add` (initial and acquired customers), `Population.clone` (year ends);
 * - CLV summary: `summariseClv`; GC: V8's "(garbage collector)"; the rest of `runCompiled` and
 *   `runOff` (firm steps, series, rules, acquisitions' counts) is "firm step and series".
 * Percentages are of the measured replication (idle excluded). With PART, the functions with the most
 * self time in that part.
 */
import { readFileSync } from 'node:fs';

interface Node { id: number; callFrame: { functionName: string; url: string }; children?: number[] }
const prof = JSON.parse(readFileSync(process.argv[2], 'utf8')) as { nodes: Node[]; samples: number[]; timeDeltas: number[] };
const parent = new Map<number, number>();
const byId = new Map<number, Node>();
for (const n of prof.nodes) {
  byId.set(n.id, n);
  for (const c of n.children ?? []) parent.set(c, n.id);
}
const stackOf = (id: number): string[] => {
  const out: string[] = [];
  for (let x: number | undefined = id; x !== undefined; x = parent.get(x)) {
    const f = byId.get(x)!.callFrame;
    out.push(`${f.functionName}@${f.url.split('/').pop()}`);
  }
  return out; // innermost first
};
const has = (st: string[], re: RegExp) => st.some((s) => re.test(s));
const totals = new Map<string, number>();
const add = (k: string, us: number) => totals.set(k, (totals.get(k) ?? 0) + us);
// the horizon's run-off comes after the horizon's last step: run-off samples before the last sample of
// the horizon kernel belong to year-end run-offs
const perSample: { part: string; runoff: boolean; us: number; top: string }[] = [];
const detail = process.argv[3];
let total = 0, lastHorizonKernel = -1;
for (let i = 0; i < prof.samples.length; i++) {
  const us = prof.timeDeltas[i + 1] ?? 0; // a sample's time: until the next sample
  total += us;
  const st = stackOf(prof.samples[i]);
  const top = st[0];
  let part: string;
  const underRunoff = has(st, /^runOff@/) && has(st, /^measuredReplication@/);
  if (/^\(garbage collector\)/.test(top)) part = 'GC';
  else if (/^\(idle\)/.test(top)) part = 'idle';
  else if (/^\(program\)/.test(top)) part = 'program (V8, outside JS)';
  else if (!has(st, /^measuredReplication@/)) part = 'outside the measured replication (start-up, warm-up)';
  else if (has(st, /^(cxsimKernel|stepCustomers)@|@cache\.ts$/)) part = underRunoff ? 'run-off kernel' : 'horizon kernel';
  else if (has(st, /^clone@population/)) part = 'population: clone for year-end run-offs';
  else if (has(st, /^add@population/)) part = 'population: creating customers';
  else if (has(st, /^summariseClv@/)) part = 'CLV summary';
  else if (has(st, /^compileModel@/)) part = 'compiling the model';
  else if (has(st, /^kernelFor@/)) part = 'kernel generation/compile';
  else part = underRunoff ? 'run-off: firm step and bookkeeping' : 'horizon: firm step, series, acquisitions, CLV array';
  if (part === 'horizon kernel') lastHorizonKernel = i;
  perSample.push({ part, runoff: underRunoff, us, top });
}
// GC, idle and V8's own time count for the replication only between its first and last samples
const measured = perSample.map((s) => !/^(GC|idle|program|outside)/.test(s.part));
const first = measured.indexOf(true), lastMeasured = measured.lastIndexOf(true);
const self = new Map<string, number>();
for (let i = 0; i < perSample.length; i++) {
  const s = perSample[i];
  const inside = i >= first && i <= lastMeasured;
  const part = /^(GC|idle|program)/.test(s.part) && !inside ? 'outside the measured replication (start-up, warm-up)' : s.part;
  const name = s.runoff && i < lastHorizonKernel ? `year-end ${part}` : part;
  add(name, s.us);
  if (detail && name === detail) self.set(s.top, (self.get(s.top) ?? 0) + s.us);
}
const inRep = [...totals].filter(([k]) => !/^idle|^outside/.test(k)).reduce((a, [, v]) => a + v, 0);
const rows = [...totals].sort((a, b) => b[1] - a[1]);
process.stdout.write(`total sampled ${(total / 1e6).toFixed(2)} s, of which in the measured replication's parts ${(inRep / 1e6).toFixed(2)} s\n`);
for (const [k, v] of rows) process.stdout.write(`${(v / 1e6).toFixed(3).padStart(8)} s  ${/^(idle|outside)/.test(k) ? '      ' : `${((100 * v) / inRep).toFixed(1).padStart(5)}%`}  ${k}\n`);
if (detail) for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 15)) process.stdout.write(`  ${(v / 1e6).toFixed(3).padStart(8)} s  ${k}\n`);
