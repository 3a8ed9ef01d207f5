/**
 * Sensitivity results for machines (tornado.csv, morris.csv, points and runs), for people (a
 * text summary) and for the report (an HTML section with the tornado and the Morris chart).
 */
import type { ReplicationResult } from '../engine/result.ts';
import { csvField } from '../report/tidy-csv.ts';
import { money, moneyInterval, num, signedMoney } from '../report/format.ts';
import { morrisChart } from './charts/morris-chart.ts';
import { tornadoChart } from './charts/tornado.ts';
import { esc } from '../report/html-escape.ts';
import { chartBlock, htmlTable, notes } from './report-page.ts';
import type { Sensitivity, SensitivityPlan } from './sensitivity.ts';
import { textTable } from './text-table.ts';
import { t95 } from '../metrics/interval.ts';

const row = (fields: (string | number | null | undefined)[]) => fields.map((f) => (f === null || f === undefined ? '' : csvField(f))).join(',') + '\n';

export function tornadoCsv(s: Sensitivity): string {
  let out = 'rank,path,source,low,high,centre,q_low,q_high,net_at_low,net_at_high,difference_mean,difference_se,difference_ci95_lo,difference_ci95_hi,swing\n';
  s.tornado.forEach((b, i) => {
    out += row([i + 1, b.path, b.source, b.low, b.high, b.centre, b.quantiles?.[0], b.quantiles?.[1], b.atLow, b.atHigh, b.difference.mean, b.difference.se, ...b.difference.meanCi95, b.swing]);
  });
  return out;
}

export function morrisCsv(s: Sensitivity): string {
  let out = 'rank,path,mu,mu_star,sigma,mu_star_se,trajectories\n';
  for (const m of s.morris ?? []) out += row([m.rank, m.path, m.mu, m.muStar, Number.isFinite(m.sigma) ? m.sigma : null, Number.isFinite(m.muStarSe) ? m.muStarSe : null, s.settings.trajectories]);
  return out;
}

export function pointsCsv(plan: SensitivityPlan): string {
  let out = 'point,kind,path,value\n';
  for (const p of plan.points) for (const [path, v] of Object.entries(p.values)) out += row([p.id, p.kind, path, v]);
  return out;
}

export function runsCsv(plan: SensitivityPlan, results: ReplicationResult[]): string {
  let out = 'point,kind,replication,seed,netEquity,customerEquity,cxSpendPV\n';
  plan.points.forEach((p, i) => {
    for (let k = plan.slices[i].from; k < plan.slices[i].to; k++) {
      const r = results[k];
      out += row([p.id, p.kind, r.replication, r.seed, r.totals.netEquity, r.totals.customerEquity, r.totals.cxSpendPV]);
    }
  });
  return out;
}

function methodNotes(s: Sensitivity): string[] {
  const q = s.factors.find((f) => f.quantiles)?.quantiles;
  const lines = [
    `Output: net equity of ${s.strategy.name} (customer equity − PV of CX spend − PV of workforce costs, ${s.scenario.currency}).`,
    `One at a time: each parameter at its low and its high value${q ? ` (the ${Math.round(q[0] * 100)}th and ${Math.round(q[1] * 100)}th percentiles of its distribution for uncertain ones)` : ''}, every other at its median (declared parameters: at the file's value). ${s.settings.replications} replications per point, the same for every point (common random numbers), ${s.settings.tornadoRuns} runs.`,
  ];
  if (s.morris) {
    lines.push(
      `Morris elementary effects: r = ${s.settings.trajectories} trajectories of ${s.factors.length + 1} points on a ${s.settings.levels}-level grid (Δ = ${num(s.settings.delta, 3)} of each range), ${s.settings.morrisReplications} replications per point: ${s.settings.morrisRuns} runs. μ* (mean |EE|, in ${s.scenario.currency} over the parameter's full range) ranks importance; σ large relative to μ* means non-linear effects or interactions. The ± on μ* is its Monte Carlo standard error over the r trajectories, sd(|EE|)/√r.`,
    );
  }
  lines.push(`${s.runs} replications simulated in all.`);
  return lines;
}

export function sensitivityText(s: Sensitivity): string {
  const out: string[] = [];
  out.push(`${s.scenario.name}: sensitivity of net equity, strategy ${s.strategy.name}, ${s.factors.length} parameters; all at their medians: ${money(s.centre.netEquity.mean)} ± ${money(t95(s.centre.netEquity.n) * s.centre.netEquity.se)} (95% CI)`);
  out.push('');
  out.push('Tornado (one at a time, widest swing first):');
  out.push(
    textTable(
      ['Parameter', 'Low', 'High', 'Net equity at low', 'at high', 'High − low', '± 95% CI'],
      s.tornado.map((b) => [b.path, num(b.low, 4), num(b.high, 4), money(b.atLow), money(b.atHigh), signedMoney(b.difference.mean), money(t95(b.difference.n) * b.difference.se)]),
    ),
  );
  if (s.morris) {
    out.push(`Morris (r = ${s.settings.trajectories} trajectories, ${s.settings.morrisRuns} runs):`);
    out.push(
      textTable(
        ['Rank', 'Parameter', 'μ*', '± SE', 'μ', 'σ'],
        s.morris.map((m) => [String(m.rank), m.path, money(m.muStar), Number.isFinite(m.muStarSe) ? money(m.muStarSe) : 'n/a', signedMoney(m.mu), Number.isFinite(m.sigma) ? money(m.sigma) : 'n/a']),
        (j) => j !== 1,
      ),
    );
  }
  for (const l of methodNotes(s)) out.push(l);
  return out.join('\n') + '\n';
}

export function sensitivitySectionHtml(s: Sensitivity): string {
  const cur = s.scenario.currency;
  const tornadoTable = htmlTable(
    ['Parameter', { text: 'Low', num: true }, { text: 'High', num: true }, { text: 'Net equity at low', num: true }, { text: 'at high', num: true }, { text: 'High − low', note: 'paired, 95% CI', num: true }],
    s.tornado.map((b) => [
      b.path,
      { text: num(b.low, 4), sub: b.quantiles ? `P${Math.round(b.quantiles[0] * 100)}` : 'given', num: true },
      { text: num(b.high, 4), sub: b.quantiles ? `P${Math.round(b.quantiles[1] * 100)}` : 'given', num: true },
      { text: money(b.atLow), num: true },
      { text: money(b.atHigh), num: true },
      { text: signedMoney(b.difference.mean), sub: moneyInterval(b.difference.meanCi95), num: true },
    ]),
  );
  const morrisTable = s.morris
    ? htmlTable(
        [{ text: 'Rank', num: true }, 'Parameter', { text: 'μ*', note: '± SE', num: true }, { text: 'μ', note: 'signed', num: true }, { text: 'σ', num: true }],
        s.morris.map((m) => [
          { text: String(m.rank), num: true },
          m.path,
          { text: money(m.muStar), sub: Number.isFinite(m.muStarSe) ? `± ${money(m.muStarSe)}` : undefined, num: true },
          { text: signedMoney(m.mu), num: true },
          { text: Number.isFinite(m.sigma) ? money(m.sigma) : 'n/a', num: true },
        ]),
      )
    : '';
  return `<section id="sensitivity">
<h2>Sensitivity: which assumptions move the answer?</h2>
<p>Net equity of <b>${esc(s.strategy.name)}</b> with every parameter at its median: ${money(s.centre.netEquity.mean)} ${cur} (95% CI ${moneyInterval(s.centre.netEquity.meanCi95)}).</p>
${s.tornado.length ? chartBlock('tornado', 'Tornado: one parameter at a time', tornadoChart(s.tornado, s.centre.netEquity.mean, cur), 'Each bar shows net equity when one parameter moves to its low (red) or high (blue) value while all others stay at their medians; the vertical line is the all-medians run. Widest bars first: these assumptions deserve the most scrutiny.') : '<p class="not-shown">The scenario has no uncertain parameters and none was declared with --param.</p>'}
${tornadoTable}
${s.morris ? chartBlock('morris', 'Morris screening: importance and interactions', morrisChart(s.morris, cur), 'Each parameter at (μ*, σ). Right: it moves net equity a lot over its range. High up (above the dashed line σ = μ*): its effect depends on where the others are — non-linear or interacting — so one-at-a-time swings understate or misstate it. Whiskers: 95% interval of μ* over the trajectories.') + morrisTable : ''}
${notes(methodNotes(s))}
</section>`;
}
