/**
 * The optimisation for machines (allocation.csv, gains.csv, search.csv), people (a text
 * summary) and the report (an HTML section: allocation, marginal value per lever, gains).
 */
import type { Scenario } from '../scenario/schema.ts';
import { csvField } from '../report/tidy-csv.ts';
import { money, moneyInterval, num, percent, signedMoney, signedMoneyTick } from '../report/format.ts';
import { esc } from '../report/html-escape.ts';
import { allocationBarsChart, type SpendRow } from './charts/allocation-bars.ts';
import { intervalBarsChart } from './charts/interval-bars.ts';
import { firstYearSpend } from './allocation.ts';
import type { Optimisation } from './optimise.ts';
import { chartBlock, htmlTable, notes } from './report-page.ts';
import { textTable } from './text-table.ts';
import { t95 } from '../metrics/interval.ts';
import { notEnoughForTail } from './tail-risk.ts';

const objectiveName = (o: Optimisation) => (o.objective === 'mean' ? 'expected net equity' : 'CVaR 5% of net equity');
const cvarText = (o: Optimisation, x: number | null, ci?: [number, number] | null) => (x === null ? notEnoughForTail(o.settings.replications) : `${money(x)}${ci ? ` (95% CI ${moneyInterval(ci)})` : ''}`);

/** "85% [64%, 95%]": a share with its Wilson 95% interval. */
const pWilson = (p: number, ci: [number, number]) => `${percent(p, 0)} [${percent(ci[0], 0)}, ${percent(ci[1], 0)}]`;

const row = (fields: (string | number | null | undefined)[]) => fields.map((f) => (f === null || f === undefined ? '' : csvField(f))).join(',') + '\n';

export function allocationCsv(o: Optimisation): string {
  let out = 'lever,share,spend_per_year,objective,marginal_objective_per_unit,marginal_objective_ci95_lo,marginal_objective_ci95_hi,marginal_extra_per_year,marginal_extra_spend_pv,marginal_net_per_unit,marginal_net_per_unit_se,marginal_gross_per_unit,marginal_net_mean,marginal_net_ci95_lo,marginal_net_ci95_hi\n';
  o.levers.forEach((l, i) => {
    const m = o.marginals[i];
    out += row([l.id, o.optimum.shares[i], o.optimum.spendPerYear[i], o.objective, m.objectivePerUnit, ...m.objectivePerUnitCi95, m.extraPerYear, m.extraSpendPV, m.netPerUnit, m.netPerUnitSe, m.grossPerUnit, m.netEquity.mean, ...m.netEquity.meanCi95]);
  });
  if (o.optimum.unspentShare > 1e-12) out += row(['(unspent)', o.optimum.unspentShare, o.optimum.unspentShare * o.budget, o.objective, '', '', '', '', '', '', '', '', '', '', '']);
  return out;
}

export function gainsCsv(o: Optimisation): string {
  let out = 'compared,name,budget_per_year,net_mean,net_se,cvar5,gain_mean,gain_se,gain_ci95_lo,gain_ci95_hi,p_optimum_beats,cvar5_gain,cvar5_gain_ci95_lo,cvar5_gain_ci95_hi\n';
  const ev = o.optimum.evaluated;
  out += row(['(optimum)', 'Optimised allocation', o.budget, ev.netEquity.mean, ev.netEquity.se, ev.cvar5, '', '', '', '', '', '', '', '']);
  for (const g of o.gains) out += row([g.strategy, g.name, g.budgetPerYear, g.evaluated.netEquity.mean, g.evaluated.netEquity.se, g.evaluated.cvar5, g.gain.mean, g.gain.se, ...g.gain.meanCi95, g.gain.pBeats, g.cvar5Gain, g.cvar5GainCi95?.[0], g.cvar5GainCi95?.[1]]);
  return out;
}

export function searchCsv(o: Optimisation): string {
  let out = `${['order', ...o.levers.map((l) => `share.${l.id}`), 'objective'].map(csvField).join(',')}\n`;
  o.search.evaluated.forEach((e, i) => (out += row([i + 1, ...e.shares, e.objective])));
  return out;
}

function settingsLines(o: Optimisation): string[] {
  const s = o.settings;
  const finest = 1 / (s.chunks * 2 ** s.refinements);
  return [
    `Objective: ${o.objective === 'mean' ? 'expected net equity' : 'CVaR 5% of net equity (mean of the worst 5% of replications)'}; net equity = customer equity − PV of CX spend − PV of workforce costs (${o.scenario.currency}).`,
    `Method: greedy marginal allocation in ${s.chunks} parts of ${percent(1 / s.chunks, 0)}, then pairwise exchange of budget between levers at steps ${Array.from({ length: s.refinements + 1 }, (_, k) => percent(1 / (s.chunks * 2 ** k), 1)).join(', ')} (finest ${percent(finest, 1)})${s.allowUnspent ? ', leaving budget unspent allowed' : ', the whole budget spent'}. ${o.search.evaluations} allocations evaluated, each on the same ${s.searchReplications} search replications (${s.searchReplicationIndices[0]}–${s.searchReplicationIndices[1]}: common random numbers make the objective a deterministic function of the allocation).`,
    `Reported numbers come from ${s.replications} independent replications (0–${s.replications - 1}, the same as cxsim compare), so they carry no selection bias from the search. On the search replications the optimum scored ${money(o.optimum.searchObjective)}.`,
    `Marginal value: one more (and, for the levers in use, one less) ${percent(s.marginalStep, 0)} of the budget (${money(s.marginalStep * o.budget)} a year) on each lever in turn, paired with the optimum by replication (forward difference): Δ ${objectiveName(o)} — the objective optimised — per extra unit of CX spend (present value)${o.objective === 'mean' ? ', with t intervals' : ', with paired-bootstrap intervals; Δ expected net equity per unit is listed beside it for reference'}. Above 0: the next unit there raises the objective by more than it costs. A forward step under diminishing returns slightly understates the slope.`,
    `Candidates keep the template ${o.template.name}'s overrides; its rules and schedules are not used. Named strategies run as written (their own budgets, rules and schedules).`,
    `${o.runs} replications simulated in all.`,
  ];
}

export function optimiseText(o: Optimisation): string {
  const ev = o.optimum.evaluated;
  const out: string[] = [];
  out.push(`${o.scenario.name}: optimised allocation of ${money(o.budget)} ${o.scenario.currency} a year across ${o.levers.length} levers — objective: ${objectiveName(o)}`);
  out.push(`Net equity at the optimum: ${money(ev.netEquity.mean)} (95% CI ${moneyInterval(ev.netEquity.meanCi95)}; 90% of runs ${moneyInterval(ev.netEquity.range90)}; CVaR 5% ${cvarText(o, ev.cvar5, ev.cvar5Ci95)})`);
  out.push('');
  const objHeader = o.objective === 'mean' ? `Δ mean per extra ${o.scenario.currency} 1` : `Δ CVaR 5% per extra ${o.scenario.currency} 1`;
  out.push(
    textTable(
      ['Lever', 'Share', `Per year (${o.scenario.currency})`, objHeader, '95% CI', ...(o.objective === 'mean' ? [] : [`Δ mean per extra ${o.scenario.currency} 1`]), `Gross per extra ${o.scenario.currency} 1`],
      [
        ...o.levers.map((l, i) => {
          const m = o.marginals[i];
          return [l.name, percent(o.optimum.shares[i], 1), money(o.optimum.spendPerYear[i]), num(m.objectivePerUnit, 2), `[${num(m.objectivePerUnitCi95[0], 2)}, ${num(m.objectivePerUnitCi95[1], 2)}]`, ...(o.objective === 'mean' ? [] : [num(m.netPerUnit, 2)]), num(m.grossPerUnit, 2)];
        }),
        ...(o.optimum.unspentShare > 1e-12 ? [['(unspent)', percent(o.optimum.unspentShare, 1), money(o.optimum.unspentShare * o.budget), '', '', ...(o.objective === 'mean' ? [] : ['']), '']] : []),
      ],
      (j) => j > 0,
    ),
  );
  for (const sentence of o.optimality.sentences) out.push(sentence);
  out.push('');
  out.push('Gain of the optimum over:');
  // with the CVaR objective, the gain in the objective itself (paired bootstrap) beside the gain in expected net equity
  const tailCols = o.objective === 'cvar5' && o.gains.some((g) => g.cvar5Gain !== null);
  out.push(
    textTable(
      ['Compared with', 'Budget/yr', 'Its net equity', 'Gain', '95% CI', 'P(optimum better), Wilson 95% CI', ...(tailCols ? ['Δ CVaR 5%', 'paired-bootstrap 95% CI'] : [])],
      o.gains.map((g) => [
        g.name,
        Number.isFinite(g.budgetPerYear) ? money(g.budgetPerYear) : 'uncertain',
        money(g.evaluated.netEquity.mean),
        signedMoney(g.gain.mean),
        moneyInterval(g.gain.meanCi95),
        pWilson(g.gain.pBeats, g.gain.pBeatsCi95),
        ...(tailCols ? (g.cvar5Gain === null ? ['—', ''] : [signedMoney(g.cvar5Gain), moneyInterval(g.cvar5GainCi95!)]) : []),
      ]),
    ),
  );
  for (const n of o.notes) out.push(n);
  for (const l of settingsLines(o)) out.push(l);
  return out.join('\n') + '\n';
}

/** With the CVaR objective: the gain in the objective over each named strategy, in words (the chart shows expected net equity). */
function cvarGainLines(o: Optimisation): string[] {
  if (o.objective !== 'cvar5') return [];
  const with_ = o.gains.filter((g) => g.cvar5Gain !== null);
  if (with_.length === 0) return [];
  return [
    `Gain in the objective optimised, CVaR 5% of net equity (optimum − strategy, paired-bootstrap 95% CI): ${with_.map((g) => `${g.name} ${signedMoney(g.cvar5Gain!)} (${moneyInterval(g.cvar5GainCi95!)})`).join('; ')}.`,
  ];
}

export function optimiseSectionHtml(o: Optimisation, scenario: Scenario): string {
  const cur = o.scenario.currency;
  const ev = o.optimum.evaluated;
  const spendRows: SpendRow[] = o.levers.map((l, i) => ({ strategy: 'Optimised', lever: l.name, spend: o.optimum.spendPerYear[i] }));
  if (o.optimum.unspentShare > 1e-12) spendRows.push({ strategy: 'Optimised', lever: '(unspent)', spend: o.optimum.unspentShare * o.budget });
  for (const g of o.gains) {
    const st = scenario.strategies[g.strategy];
    if (!st) continue;
    const spend = firstYearSpend(st, o.levers.map((l) => l.id));
    o.levers.forEach((l, i) => spendRows.push({ strategy: g.name, lever: l.name, spend: Number.isFinite(spend[i]) ? spend[i] : 0 }));
  }
  const marginalBars = o.marginals.map((m, i) => ({
    label: o.levers[i].name,
    value: m.objectivePerUnit,
    lo: m.objectivePerUnitCi95[0],
    hi: m.objectivePerUnitCi95[1],
    text: `${num(m.objectivePerUnit, 2)} per extra ${cur} 1`,
  }));
  const gainBars = o.gains.map((g) => ({ label: g.name, value: g.gain.mean, lo: g.gain.meanCi95[0], hi: g.gain.meanCi95[1], text: `${signedMoney(g.gain.mean)} (P ${percent(g.gain.pBeats, 0)})` }));
  const table = htmlTable(
    [
      'Lever',
      { text: 'Share', num: true },
      { text: `Per year (${cur})`, num: true },
      { text: o.objective === 'mean' ? `Δ expected net equity per extra ${cur} 1` : `Δ CVaR 5% per extra ${cur} 1`, note: 'the objective; 95% CI', num: true },
      ...(o.objective === 'mean' ? [] : [{ text: `Δ expected net equity per extra ${cur} 1`, note: 'reference', num: true }]),
      { text: `Gross per extra ${cur} 1`, note: 'customer equity', num: true },
    ],
    o.levers.map((l, i) => {
      const m = o.marginals[i];
      const tt = t95(m.netEquity.n);
      return [
        l.name,
        { text: percent(o.optimum.shares[i], 1), num: true },
        { text: money(o.optimum.spendPerYear[i]), num: true },
        { text: num(m.objectivePerUnit, 2), sub: `[${num(m.objectivePerUnitCi95[0], 2)}, ${num(m.objectivePerUnitCi95[1], 2)}]`, num: true },
        ...(o.objective === 'mean' ? [] : [{ text: num(m.netPerUnit, 2), sub: `[${num(m.netPerUnit - tt * m.netPerUnitSe, 2)}, ${num(m.netPerUnit + tt * m.netPerUnitSe, 2)}]`, num: true }]),
        { text: num(m.grossPerUnit, 2), num: true },
      ];
    }),
  );
  return `<section id="optimise">
<h2>Optimisation: where should ${esc(money(o.budget))} ${esc(cur)} a year go?</h2>
<div class="kpis">
<div class="kpi"><small>Net equity at the optimum</small><b>${esc(money(ev.netEquity.mean))}</b><small>95% CI ${esc(moneyInterval(ev.netEquity.meanCi95))}; 90% of runs ${esc(moneyInterval(ev.netEquity.range90))}</small></div>
<div class="kpi"><small>Objective</small><b>${esc(objectiveName(o))}</b><small>${esc(o.optimality.holds === null ? 'optimality conditions: nothing to check' : o.optimality.holds ? 'optimality conditions hold within noise (see below)' : 'warning: an optimality condition fails (see below)')}</small></div>
<div class="kpi"><small>CVaR 5% at the optimum</small><b>${esc(ev.cvar5 === null ? 'n/a' : money(ev.cvar5))}</b><small>${esc(ev.cvar5 === null ? `${notEnoughForTail(o.settings.replications)}: the mean of the worst 5% needs at least 10 replications in the tail` : `mean of the worst 5% of ${o.settings.replications} replications, 95% CI ${moneyInterval(ev.cvar5Ci95!)}`)}</small></div>
${o.gains.length ? (() => { const best = o.gains.slice().sort((a, b) => b.evaluated.netEquity.mean - a.evaluated.netEquity.mean)[0]; return `<div class="kpi"><small>Gain over the best named strategy (${esc(best.name)})</small><b>${esc(signedMoney(best.gain.mean))}</b><small>95% CI ${esc(moneyInterval(best.gain.meanCi95))}; better in ${esc(pWilson(best.gain.pBeats, best.gain.pBeatsCi95))} of replications (Wilson 95% CI)</small></div>`; })() : ''}
</div>
${chartBlock('optimise-allocation', 'The optimised allocation next to the named strategies', allocationBarsChart(spendRows, cur), 'CX spend per year by lever. Named strategies are shown with their first-year allocation × budget (rules that move budget later and schedules are not drawn).')}
${table}
${notes(o.optimality.sentences)}
${chartBlock('optimise-marginal', `Where the next unit of money goes (${objectiveName(o)})`, intervalBarsChart(marginalBars, `Δ ${objectiveName(o)} per extra 1 ${cur} of CX spend (PV)`, (x) => num(x, 2)), `Change of the objective optimised — ${objectiveName(o)} — per extra unit of money spent on each lever at the optimum, with its 95% interval. At an optimum that spends the whole budget the levers in use have equal values within noise and levers at zero lower ones (checked above); below 0, the next unit costs more than it returns.`)}
${o.gains.length ? chartBlock('optimise-gains', 'Gain over each named strategy', intervalBarsChart(gainBars, `Δ net equity, optimum − strategy (${cur})`, signedMoneyTick), 'Paired by replication (common random numbers); whiskers: 95% confidence interval of the mean; P: share of replications in which the optimum is better. Named strategies may have other budgets than the optimum.') : ''}
${notes([...cvarGainLines(o), ...o.notes, ...settingsLines(o)])}
</section>`;
}
