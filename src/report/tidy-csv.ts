/**
 * Tidy CSV for machines, composed as a stream of text chunks so that large runs never build
 * one giant string: every per-step series of every replication in long format, the series
 * bands, one row per replication with its totals, and every headline number with its
 * standard error and intervals. Full precision (shortest round-trip decimal).
 */
import type { ReplicationResult } from '../engine/result.ts';
import { TOTAL_KEYS, type Comparison } from '../metrics/comparison.ts';
import type { IntervalSummary } from '../metrics/interval.ts';
import { monthOfStep } from '../metrics/series.ts';
import { csvField } from './csv-field.ts';

/** The one CSV field writer (RFC 4180 quoting + formula-injection guard), re-exported for the writers that import it from here. */
export { csvField };

const CHUNK = 1 << 20;

/** Joins lines into chunks of about 1 MiB. */
function* chunked(lines: Iterable<string>): Generator<string> {
  let buf: string[] = [];
  let size = 0;
  for (const line of lines) {
    buf.push(line);
    size += line.length;
    if (size >= CHUNK) {
      yield buf.join('');
      buf = [];
      size = 0;
    }
  }
  if (buf.length > 0) yield buf.join('');
}

export const SERIES_HEADER = 'replication,strategy,stress,step,month,metric,value\n';

/** series.csv: replication,strategy,stress,step,month,metric,value — every series, `discount` included (for auditing present values). */
export function seriesCsv(results: Iterable<ReplicationResult>): Generator<string> {
  return chunked(
    (function* () {
      yield SERIES_HEADER;
      for (const r of results) {
        const prefix = `${r.replication},${csvField(r.strategy)},${csvField(r.stress)},`;
        for (const [metric, values] of Object.entries(r.series)) {
          const m = csvField(metric);
          let lines = '';
          for (let t = 0; t < values.length; t++) lines += `${prefix}${t},${monthOfStep(t, r.stepsPerYear)},${m},${values[t]}\n`;
          yield lines;
        }
      }
    })(),
  );
}

/** series-summary.csv: bands over replications per strategy, step and metric. */
export function seriesSummaryCsv(c: Comparison): Generator<string> {
  return chunked(
    (function* () {
      yield 'strategy,stress,step,month,metric,mean,median,lo90,hi90,lo95,hi95\n';
      for (const s of c.series) {
        const b = s.band;
        let lines = '';
        for (let t = 0; t < b.mean.length; t++) {
          lines += `${csvField(s.strategy)},${csvField(c.stress)},${t},${monthOfStep(t, c.scenario.stepsPerYear)},${csvField(s.metric)},${b.mean[t]},${b.median[t]},${b.lo90[t]},${b.hi90[t]},${b.lo95[t]},${b.hi95[t]}\n`;
        }
        yield lines;
      }
    })(),
  );
}

/** replications.csv: one row per replication and strategy with its seed and totals. */
export function replicationsCsv(results: Iterable<ReplicationResult>): Generator<string> {
  return chunked(
    (function* () {
      yield `replication,strategy,stress,seed,${TOTAL_KEYS.join(',')},clvMean\n`;
      for (const r of results) {
        yield `${r.replication},${csvField(r.strategy)},${csvField(r.stress)},${csvField(r.seed)},${TOTAL_KEYS.map((k) => r.totals[k]).join(',')},${r.clv.all.mean}\n`;
      }
    })(),
  );
}

export const HEADLINE_HEADER = 'strategy,metric,n,mean,se,sd,median,range90_lo,range90_hi,range95_lo,range95_hi,meanCi90_lo,meanCi90_hi,meanCi95_lo,meanCi95_hi,pBeats,pBeatsSe,pBeatsCi95_lo,pBeatsCi95_hi\n';

function summaryRow(strategy: string, metric: string, s: IntervalSummary & { pBeats?: number; pBeatsSe?: number; pBeatsCi95?: [number, number] }): string {
  const f = [strategy, metric, s.n, s.mean, s.se, s.sd, s.median, ...s.range90, ...s.range95, ...s.meanCi90, ...s.meanCi95, s.pBeats ?? '', s.pBeatsSe ?? '', s.pBeatsCi95?.[0] ?? '', s.pBeatsCi95?.[1] ?? ''];
  return f.map(csvField).join(',') + '\n';
}

/** headline.csv: every headline number of every strategy, one row each, with its SE and intervals. */
export function headlineCsv(c: Comparison): string {
  let out = HEADLINE_HEADER;
  for (const h of c.headline) {
    for (const [k, s] of Object.entries(h.totals)) out += summaryRow(h.strategy, k, s);
    if (h.vsBaseline) {
      for (const k of ['customerEquity', 'netEquity', 'cxSpendPV', 'workforceCostPV'] as const) out += summaryRow(h.strategy, `delta.${k}`, h.vsBaseline[k]);
    }
    if (h.clv.all.mean) out += summaryRow(h.strategy, 'clv', h.clv.all.mean);
    for (const [g, groups] of [['segment', h.clv.bySegment], ['portfolio', h.clv.byPortfolio], ['cohort', h.clv.byCohort]] as const) {
      for (const [id, grp] of Object.entries(groups)) if (grp.mean) out += summaryRow(h.strategy, `clv.${g}.${id}`, grp.mean);
    }
    for (const [pool, s] of Object.entries(h.poolShareAtHorizon)) out += summaryRow(h.strategy, `shareAtHorizon.${pool}`, s);
    for (const [lever, s] of Object.entries(h.cxSpendByLever)) out += summaryRow(h.strategy, `cxSpendPV.${lever}`, s);
    for (const [k, ind] of Object.entries(h.serviceProfitChain)) {
      out += summaryRow(h.strategy, `${k}.meanOverHorizon`, ind.meanOverHorizon);
      out += summaryRow(h.strategy, `${k}.atHorizon`, ind.atHorizon);
    }
  }
  for (const a of c.attribution) {
    for (const l of a.levers) out += summaryRow(a.strategy, `attribution.${l.lever}`, l.contribution);
    out += summaryRow(a.strategy, 'attribution.notALever', a.remainder);
  }
  return out;
}
