/**
 * Sensitivity results for machines (tornado.csv, switching.csv, morris.csv, sobol.csv, points
 * and runs), for people (a text summary) and for the report (an HTML section with the tornado
 * on the chosen output, switching values, the Morris chart and the Sobol indices).
 */
import type { ReplicationResult } from '../engine/result.ts';
import { csvField } from '../report/tidy-csv.ts';
import { money, moneyInterval, num, percent, signedMoney } from '../report/format.ts';
import { morrisChart } from './charts/morris-chart.ts';
import { tornadoChart } from './charts/tornado.ts';
import { esc } from '../report/html-escape.ts';
import { chartBlock, htmlTable, notes } from './report-page.ts';
import type { Sensitivity, SensitivityPlan } from './sensitivity.ts';
import { textTable } from './text-table.ts';
import { t95 } from '../metrics/interval.ts';

const row = (fields: (string | number | null | undefined)[]) => fields.map((f) => (f === null || f === undefined ? '' : csvField(f))).join(',') + '\n';

/** What the output is, in words ("Δ net equity, Design for the future − Optimise today"). */
export function outputLabel(s: Sensitivity, short = false): string {
  if (s.output === 'equity') return short ? `Net equity of ${s.strategy.name}` : `net equity of ${s.strategy.name}`;
  return short ? `Δ net equity vs ${s.baseline.name}` : `the paired difference in net equity, ${s.strategy.name} − ${s.baseline.name}`;
}

export function tornadoCsv(s: Sensitivity): string {
  let out = 'rank,path,source,output,low,high,centre,q_low,q_high,output_at_low,output_at_high,pBeats_at_low,pBeats_at_high,difference_mean,difference_se,difference_ci95_lo,difference_ci95_hi,swing,pBeats_at_low_ci95_lo,pBeats_at_low_ci95_hi,pBeats_at_high_ci95_lo,pBeats_at_high_ci95_hi\n';
  s.tornado.forEach((b, i) => {
    out += row([i + 1, b.path, b.source, s.output, b.low, b.high, b.centre, b.quantiles?.[0], b.quantiles?.[1], b.atLow, b.atHigh, b.pBeatsLow, b.pBeatsHigh, b.difference.mean, b.difference.se, ...b.difference.meanCi95, b.swing, b.pBeatsLowCi95?.[0], b.pBeatsLowCi95?.[1], b.pBeatsHighCi95?.[0], b.pBeatsHighCi95?.[1]]);
  });
  return out;
}

export function switchingCsv(s: Sensitivity): string {
  let out = 'path,value,mean_difference,ci95_lo,ci95_hi,pBeats,switching_value,switch_range_lo,switch_range_hi,preferred_at_low,preferred_at_high,all_switching_values,pBeats_ci95_lo,pBeats_ci95_hi\n';
  for (const sw of s.switching) for (const g of sw.grid) out += row([sw.path, g.value, g.mean, ...g.ci95, g.pBeats, sw.value, sw.range?.[0], sw.range?.[1], sw.preferredAtLow, sw.preferredAtHigh, sw.switches.join(' '), g.pBeatsCi95?.[0], g.pBeatsCi95?.[1]]);
  return out;
}

export function morrisCsv(s: Sensitivity): string {
  let out = 'rank,path,output,mu,mu_star,sigma,mu_star_se,trajectories\n';
  for (const m of s.morris ?? []) out += row([m.rank, m.path, s.output, m.mu, m.muStar, Number.isFinite(m.sigma) ? m.sigma : null, Number.isFinite(m.muStarSe) ? m.muStarSe : null, s.settings.trajectories]);
  return out;
}

export function sobolCsv(s: Sensitivity): string {
  let out = 'rank,path,output,first,first_ci95_lo,first_ci95_hi,total,total_ci95_lo,total_ci95_hi,base_sample,runs\n';
  for (const x of s.sobol ?? []) out += row([x.rank, x.path, s.output, x.first, ...x.firstCi95, x.total, ...x.totalCi95, s.settings.sobol, s.settings.sobolRuns]);
  return out;
}

export function pointsCsv(plan: SensitivityPlan): string {
  let out = 'point,kind,path,value\n';
  for (const p of plan.points) for (const [path, v] of Object.entries(p.values)) out += row([p.id, p.kind, path, v]);
  return out;
}

export function runsCsv(plan: SensitivityPlan, results: ReplicationResult[]): string {
  let out = 'point,kind,strategy,replication,seed,netEquity,customerEquity,cxSpendPV\n';
  plan.points.forEach((p, i) => {
    for (const sl of [plan.slices[i].strategy, plan.slices[i].baseline]) {
      if (!sl) continue;
      for (let k = sl.from; k < sl.to; k++) {
        const r = results[k];
        out += row([p.id, p.kind, r.strategy, r.replication, r.seed, r.totals.netEquity, r.totals.customerEquity, r.totals.cxSpendPV]);
      }
    }
  });
  return out;
}

function methodNotes(s: Sensitivity): string[] {
  const q = s.factors.find((f) => f.quantiles)?.quantiles;
  const lines = [
    s.output === 'difference'
      ? `Output: ${outputLabel(s)} (net equity = customer equity − PV of CX spend − PV of workforce costs, ${s.scenario.currency}), taken replication by replication with the same random draws. A parameter that moves both strategies alike has a short bar here, however much it moves either one: only what changes the difference can change the decision. P(beats): share of replications in which ${s.strategy.name} does better.`
      : `Output: ${outputLabel(s)} (customer equity − PV of CX spend − PV of workforce costs, ${s.scenario.currency}). This is the strategy's own level: a parameter that moves every strategy alike shows here but cannot change the decision (use --output difference for that).`,
    `Every parameter is fixed (not drawn) in both strategies' runs: the one being moved at its value, the others at their medians (declared parameters: at the file's value). One at a time: low and high${q ? ` (the ${Math.round(q[0] * 100)}th and ${Math.round(q[1] * 100)}th percentiles of each distribution)` : ''}, ${s.settings.replications} replications per point, common random numbers; intervals are Student t with ${s.settings.replications - 1} degrees of freedom. ${s.settings.tornadoRuns} runs for the tornado and the switching grid (${s.settings.grid} points per parameter).`,
    `Switching value: the value of a parameter, within its range, at which the mean difference ${s.strategy.name} − ${s.baseline.name} crosses 0 — the preferred of the two changes — found by linear interpolation between grid points; the range is where the 95% band of the difference crosses 0. "No switch in range": the same strategy is preferred over the whole range (others at their medians).`,
  ];
  if (s.morris) {
    lines.push(
      `Morris elementary effects: r = ${s.settings.trajectories} trajectories of ${s.factors.length + 1} points on a ${s.settings.levels}-level grid (Δ = ${num(s.settings.delta, 3)} of each range), ${s.settings.morrisReplications} replications per point: ${s.settings.morrisRuns} runs. μ* (mean |EE|, in ${s.scenario.currency} over the parameter's full range) ranks importance; σ large relative to μ* means non-linear effects or interactions. The ± on μ* is its Monte Carlo standard error over the r trajectories, sd(|EE|)/√r.`,
    );
  }
  if (s.sobol) {
    lines.push(
      `Sobol indices (Saltelli design, Jansen estimators): N = ${s.settings.sobol} base points, N·(k + 2) = ${s.settings.sobol * (s.factors.length + 2)} points × ${s.settings.sobolReplications} replications: ${s.settings.sobolRuns} runs. Each parameter is uniform over its low–high range (through its quantile function: the distribution between its ${q ? `${Math.round(q[0] * 100)}th and ${Math.round(q[1] * 100)}th percentiles` : 'low and high values'}). First order S: the share of the output's variance this parameter explains alone; total S_T: including every interaction. Intervals: bootstrap over the N base points (1000 resamples). Agent noise that common random numbers do not cancel adds to the variance and is not attributed to any parameter.${s.settings.sobol < 32 ? ` With N = ${s.settings.sobol} the estimates are rough (wide intervals; a first-order estimate can exceed the total one): use N ≥ 32 before reading the ranking.` : ''}`,
    );
  } else {
    lines.push(`Sobol indices: not computed (add --sobol N, e.g. 32; costs N·(k + 2)·sobol-replications runs${s.output === 'difference' ? ' of each strategy' : ''}).`);
  }
  lines.push(`${s.runs} replications simulated in all.`);
  return lines;
}

export function sensitivityText(s: Sensitivity): string {
  const out: string[] = [];
  const c = s.centre.output;
  const h = t95(c.n) * c.se;
  out.push(`${s.scenario.name}: sensitivity of ${outputLabel(s)}, ${s.factors.length} parameters.`);
  out.push(
    `All at their medians: ${s.output === 'difference' ? signedMoney(c.mean) : money(c.mean)} ± ${money(h)} (95% CI)${c.pBeats !== undefined ? `; ${s.strategy.name} better in ${percent(c.pBeats, 0)} of replications (Wilson 95% ${percent(c.pBeatsCi95![0], 0)}–${percent(c.pBeatsCi95![1], 0)})` : ''}`,
  );
  out.push('');
  out.push(`Tornado (one at a time, widest swing first), output: ${outputLabel(s, true)}:`);
  const pb = (x: number | null, ci: [number, number] | null) => (x === null ? '' : ` (P ${percent(x, 0)}${ci ? ` [${percent(ci[0], 0)}, ${percent(ci[1], 0)}]` : ''})`);
  out.push(
    textTable(
      ['Parameter', 'Low', 'High', 'At low', 'At high', 'High − low', '± 95% CI'],
      s.tornado.map((b) => [b.path, num(b.low, 4), num(b.high, 4), (s.output === 'difference' ? signedMoney(b.atLow) : money(b.atLow)) + pb(b.pBeatsLow, b.pBeatsLowCi95), (s.output === 'difference' ? signedMoney(b.atHigh) : money(b.atHigh)) + pb(b.pBeatsHigh, b.pBeatsHighCi95), signedMoney(b.difference.mean), money(t95(b.difference.n) * b.difference.se)]),
    ),
  );
  out.push(`Switching values (${s.strategy.name} vs ${s.baseline.name}):`);
  for (const sw of s.switching) out.push(`  ${sw.path}: ${sw.text}`);
  if (s.morris) {
    out.push('');
    out.push(`Morris (r = ${s.settings.trajectories} trajectories, ${s.settings.morrisRuns} runs):`);
    out.push(
      textTable(
        ['Rank', 'Parameter', 'μ*', '± SE', 'μ', 'σ'],
        s.morris.map((m) => [String(m.rank), m.path, money(m.muStar), Number.isFinite(m.muStarSe) ? money(m.muStarSe) : 'n/a', signedMoney(m.mu), Number.isFinite(m.sigma) ? money(m.sigma) : 'n/a']),
        (j) => j !== 1,
      ),
    );
  }
  if (s.sobol) {
    out.push(`Sobol indices (N = ${s.settings.sobol}, ${s.settings.sobolRuns} runs; bootstrap 95% intervals):`);
    out.push(
      textTable(
        ['Rank', 'Parameter', 'First order S', '95% CI', 'Total S_T', '95% CI'],
        s.sobol.map((x) => [String(x.rank), x.path, num(x.first, 2), `[${num(x.firstCi95[0], 2)}, ${num(x.firstCi95[1], 2)}]`, num(x.total, 2), `[${num(x.totalCi95[0], 2)}, ${num(x.totalCi95[1], 2)}]`]),
        (j) => j !== 1,
      ),
    );
  }
  out.push('');
  for (const l of methodNotes(s)) out.push(l);
  return out.join('\n') + '\n';
}

/** "100% [72%, 100%]": a share with its Wilson 95% interval. */
const pWilson = (p: number, ci: [number, number] | null | undefined) => `${percent(p, 0)}${ci ? ` [${percent(ci[0], 0)}, ${percent(ci[1], 0)}]` : ''}`;

export function sensitivitySectionHtml(s: Sensitivity): string {
  const cur = s.scenario.currency;
  const fmtOut = (x: number) => (s.output === 'difference' ? signedMoney(x) : money(x));
  const tornadoTable = htmlTable(
    ['Parameter', { text: 'Low', num: true }, { text: 'High', num: true }, { text: 'At low', note: s.output === 'difference' ? 'P(beats), Wilson 95% CI' : undefined, num: true }, { text: 'At high', note: s.output === 'difference' ? 'P(beats), Wilson 95% CI' : undefined, num: true }, { text: 'High − low', note: 'paired, 95% CI', num: true }],
    s.tornado.map((b) => [
      b.path,
      { text: num(b.low, 4), sub: b.quantiles ? `P${Math.round(b.quantiles[0] * 100)}` : 'given', num: true },
      { text: num(b.high, 4), sub: b.quantiles ? `P${Math.round(b.quantiles[1] * 100)}` : 'given', num: true },
      { text: fmtOut(b.atLow), sub: b.pBeatsLow === null ? undefined : pWilson(b.pBeatsLow, b.pBeatsLowCi95), num: true },
      { text: fmtOut(b.atHigh), sub: b.pBeatsHigh === null ? undefined : pWilson(b.pBeatsHigh, b.pBeatsHighCi95), num: true },
      { text: signedMoney(b.difference.mean), sub: moneyInterval(b.difference.meanCi95), num: true },
    ]),
  );
  const switchingTable = htmlTable(
    ['Parameter', { text: 'Switching value', note: 'where the preferred strategy changes', num: true }, 'In words'],
    s.switching.map((sw) => [sw.path, { text: sw.value === null ? 'none in range' : num(sw.value, 4), sub: sw.range && sw.range[0] !== null && sw.range[1] !== null ? `95%: ${num(sw.range[0], 4)} – ${num(sw.range[1], 4)}` : undefined, num: true }, sw.text]),
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
  const sobolTable = s.sobol
    ? htmlTable(
        [{ text: 'Rank', num: true }, 'Parameter', { text: 'First order S', note: 'bootstrap 95% CI', num: true }, { text: 'Total S_T', note: 'bootstrap 95% CI', num: true }],
        s.sobol.map((x) => [
          { text: String(x.rank), num: true },
          x.path,
          { text: num(x.first, 2), sub: `[${num(x.firstCi95[0], 2)}, ${num(x.firstCi95[1], 2)}]`, num: true },
          { text: num(x.total, 2), sub: `[${num(x.totalCi95[0], 2)}, ${num(x.totalCi95[1], 2)}]`, num: true },
        ]),
      )
    : '';
  const c = s.centre.output;
  const lede =
    s.output === 'difference'
      ? `Every parameter at its median: <b>${esc(signedMoney(c.mean))}</b> ${cur} (95% CI ${esc(moneyInterval(c.meanCi95))}); ${esc(s.strategy.name)} is better in ${esc(percent(c.pBeats ?? 0, 0))} of replications (Wilson 95% ${esc(percent(c.pBeatsCi95?.[0] ?? 0, 0))}–${esc(percent(c.pBeatsCi95?.[1] ?? 1, 0))}).`
      : `Net equity of <b>${esc(s.strategy.name)}</b> with every parameter at its median: ${esc(money(c.mean))} ${cur} (95% CI ${esc(moneyInterval(c.meanCi95))}).`;
  return `<section id="sensitivity">
<h2>Sensitivity: which assumptions could change the decision?</h2>
<p>Output: ${esc(outputLabel(s))}. ${lede}</p>
${s.tornado.length ? chartBlock('tornado', `Tornado: ${outputLabel(s, true)}, one parameter at a time`, tornadoChart(s.tornado, c.mean, `${outputLabel(s, true)} (${cur})`, s.output === 'difference'), `Each bar shows ${outputLabel(s)} when one parameter moves to its low (red) or high (blue) value while all others stay at their medians; the vertical line is the all-medians run${s.output === 'difference' ? '; the dashed line is 0, where the two strategies are worth the same — a bar that crosses it can change the decision' : ''}. Widest bars first.`) : '<p class="not-shown">The scenario has no uncertain parameters and none was declared with --param.</p>'}
${tornadoTable}
<h3>Switching values: where would the decision change?</h3>
${switchingTable}
${s.morris ? chartBlock('morris', 'Morris screening: importance and interactions', morrisChart(s.morris, cur, outputLabel(s, true), 1040, s.settings.trajectories), 'Each parameter at (μ*, σ). Right: it moves the output a lot over its range. High up (above the dashed line σ = μ*): its effect depends on where the others are — non-linear or interacting. Whiskers: 95% interval of μ* over the trajectories (t).') + morrisTable : ''}
${s.sobol ? `<h3>Sobol indices: shares of the output's variance</h3>${sobolTable}` : ''}
${notes(methodNotes(s))}
</section>`;
}
