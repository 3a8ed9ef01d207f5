// Memory the result spool keeps per replication (issue 15), apart from any simulation: R synthetic
// replications of 80 series × 96 steps through a ResultSpool, then the bands of all 80 series
// read back; heap and ArrayBuffer memory after full GCs, per replication.
// Usage: node --expose-gc bin/run-ts.js scripts/spool-memory.ts R
import { ResultSpool } from '../src/run/result-spool.ts';
import { seriesBand } from '../src/metrics/series-bands.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
const gc = (globalThis as any).gc as () => void;
const settle = async () => { gc(); await new Promise((r) => setTimeout(r, 300)); gc(); await new Promise((r) => setTimeout(r, 300)); gc(); const m = process.memoryUsage(); return { heap: m.heapUsed, buffers: m.arrayBuffers + m.external }; };
const R = Number(process.argv[2]);
const dir = mkdtempSync(join(tmpdir(), 'spoolmem-'));
const scenario = { meta: { seed: 1 } } as any;
const base = await settle();
const spool = await ResultSpool.open(join(dir, 's'), { series: true, log: () => {}, build: { version: 't', engine: 'e' } });
const jobs = Array.from({ length: R }, (_, replication) => ({ scenario, strategy: 'a', replication }));
const rs = await spool.run(jobs as any, async (pending, onResult) => {
  pending.forEach((j, i) => {
    const series: Record<string, Float64Array> = {};
    for (let m = 0; m < 80; m++) series[`m${m}`] = Float64Array.from({ length: 96 }, (_, t) => t * m + j.replication);
    onResult(i, { scenario: 's', strategy: 'a', replication: j.replication, stress: 'none', seed: 'x', steps: 96, stepsPerYear: 12, series, totals: { netEquity: j.replication } as any, valuation: {} as any, valueBeyondByYear: new Float64Array(8), costsBeyondByYear: new Float64Array(8), approximateValueBeyondAtHorizon: 0, clv: { all: {} as any, bySegment: {}, byPortfolio: {}, byCohort: {} }, params: { p: 1 }, firedRules: [] });
  });
});
const afterRun = await settle();

for (let m = 0; m < 80; m++) { seriesBand(rs, `m${m}`); }
const afterBands = await settle();
console.log(JSON.stringify({ R, heapPerRep: Math.round((afterBands.heap - base.heap) / R), buffersPerRep: Math.round((afterBands.buffers - base.buffers) / R), afterRun, afterBands, base }));
spool.close(); rmSync(dir, { recursive: true });
