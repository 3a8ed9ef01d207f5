/**
 * The scenario's assumptions as HTML tables for a reader who never saw the file: strategies
 * (budgets, allocations, rules), profit pools, segments, levers and the workforce. Uncertain
 * parameters are shown as their distribution.
 */
import type { Distribution, Param, Scenario } from '../scenario/schema.ts';
import { esc } from './html-escape.ts';
import { money, num, percent } from './format.ts';

function dist(d: Distribution, f: (x: number) => string): string {
  switch (d.dist) {
    case 'normal':
      return `normal(${f(d.mean)} ± ${f(d.sd)})`;
    case 'lognormal':
      return `lognormal(${f(d.mean)} ± ${f(d.sd)})`;
    case 'uniform':
      return `uniform ${f(d.min)}–${f(d.max)}`;
    case 'triangular':
      return `triangular ${f(d.min)} / ${f(d.mode)} / ${f(d.max)}`;
    case 'beta':
      return `beta(${num(d.alpha)}, ${num(d.beta)}) on ${f(d.min)}–${f(d.max)}`;
    case 'empirical':
      return `one of ${d.values.map(f).join(', ')}`;
  }
}

/** A parameter that may be uncertain, formatted. */
export function param(p: Param | undefined, f: (x: number) => string = (x) => num(x, 3)): string {
  if (p === undefined) return '—';
  return typeof p === 'number' ? f(p) : dist(p, f);
}

const pct = (x: number) => percent(x, 1);

/** Heterogeneous churn θ ~ Beta(α, β) per year, with its mean α/(α+β) (e.g. "Beta(0.704, 3) — mean 19%/yr"). */
export function betaChurn(alpha: Param, beta: Param): string {
  const mean = typeof alpha === 'number' && typeof beta === 'number' ? ` — mean ${percent(alpha / (alpha + beta), 0)}/yr` : ' — mean α/(α+β) per year';
  return `Beta(${param(alpha)}, ${param(beta)})${mean}`;
}

function table(headers: string[], rows: string[][]): string {
  if (rows.length === 0) return '';
  return `<table class="assumptions"><thead><tr>${headers.map((h) => `<th>${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;
}

export function assumptionsHtml(s: Scenario, compared: string[]): string {
  const levers = s.levers;
  const leverName = (id: string) => levers[id]?.name ?? id;
  const strategies = table(
    ['Strategy', 'What it stands for', 'CX budget per year', 'Allocation', 'Schedules and rules'],
    compared
      .filter((id) => s.strategies[id])
      .map((id) => {
        const st = s.strategies[id];
        const budget = Array.isArray(st.budget.perYear) ? st.budget.perYear.map((b) => param(b, money)).join(', then ') : param(st.budget.perYear, money);
        const alloc = Object.entries(st.budget.allocation)
          .map(([l, share]) => `${esc(leverName(l))} ${param(share, pct)}`)
          .join('<br>');
        const extras = [
          ...Object.keys(st.schedules).map((l) => `schedule for ${esc(leverName(l))}`),
          ...st.rules.map((r) => `rule: if ${esc(r.when.indicator)} ${r.when.above !== undefined ? `> ${r.when.above}` : `< ${r.when.below}`}, move ${param(r.move.share, pct)} of ${esc(leverName(r.move.from))} to ${esc(leverName(r.move.to))}`),
          ...(Object.keys(st.overrides).length ? [`overrides: ${esc(Object.keys(st.overrides).join(', '))}`] : []),
        ];
        return [`<b>${esc(st.name ?? id)}</b>${st.baseline ? ' (baseline)' : ''}`, esc(st.description), budget, alloc || '—', extras.join('<br>') || '—'];
      }),
  );
  const pools = table(
    ['Profit pool', 'Kind', 'Wallet trend', 'Margin rate', 'Our readiness at start', 'Adoption (Bass p, q per year)'],
    Object.entries(s.pools).map(([id, p]) => {
      const tr = p.wallet.trajectory;
      const trend =
        tr.type === 'constant'
          ? 'flat'
          : tr.type === 'cagr'
            ? `${param(tr.rate, pct)} a year`
            : tr.type === 'logistic'
              ? `S-curve ${param(tr.from)} → ${param(tr.to)}, midpoint month ${param(tr.midpointMonth)}`
              : `points ${tr.points.map(([m, v]) => `m${m}: ${num(v)}`).join(', ')}`;
      return [esc(p.name ?? id), p.kind, trend + (p.wallet.volatility !== 0 ? `, volatility ${param(p.wallet.volatility, pct)}` : ''), param(p.marginRate, pct), param(p.readiness), p.kind === 'emerging' ? `${param(p.bass.p)}, ${param(p.bass.q)}` : '—'];
    }),
  );
  const segments = table(
    ['Segment', 'Customers at start', 'Annual churn', 'New per month', 'Acquisition cost', 'Spend per month by pool'],
    Object.entries(s.segments).map(([id, g]) => {
      const churn = 'annualRate' in g.churn ? `${param(g.churn.annualRate, pct)}/yr` : betaChurn(g.churn.alpha, g.churn.beta);
      const acq = `${param(g.acquisition.prospectsPerMonth, money)} prospects × ${param(g.acquisition.conversion, pct)}`;
      const wallet = Object.entries(g.wallet)
        .map(([pool, w]) => `${esc(s.pools[pool]?.name ?? pool)} ${param(w.mean, money)}`)
        .join('<br>');
      return [esc(g.name ?? id), money(g.initialCustomers), churn, acq, param(g.acquisition.cost, money), wallet || '—'];
    }),
  );
  const leverRows = table(
    ['Lever', 'Kind', 'Acts on', 'Decay per month', 'Spend for 63% / 50% of effect', 'Largest effect'],
    Object.entries(levers).map(([id, l]) => [
      esc(l.name ?? id),
      l.kind,
      esc(l.targets.join(', ') || 'the whole firm'),
      param(l.decayPerMonth, pct),
      `${param(l.response.scale, money)} (${l.response.curve})`,
      param(l.response.max, pct),
    ]),
  );
  const wf = s.workforce
    ? `<p>Front line: ${money(s.workforce.headcount)} employees at ${param(s.workforce.wagePerMonth, money)} a month, each handling ${param(s.workforce.productivity, money)} contacts a month when experienced; staffing policy “${s.workforce.staffing.policy}”; annual turnover ${param(s.workforce.turnover.annualRate, pct)} at reference engagement.</p>`
    : '<p>No front-line workforce is modelled: service quality is fixed.</p>';
  const v = s.valuation;
  const valuation = `<p>${esc(
    v.beyondHorizon === 'none'
      ? 'Only the horizon is valued: customers still active at its end add nothing.'
      : v.beyondHorizon === 'perpetuity'
        ? `Beyond the horizon: a Gordon perpetuity per customer alive at the horizon, with each pool’s long-run growth; costs beyond the horizon: ${v.costsBeyondHorizon}.`
        : `Beyond the horizon: a ${v.runoffYears}-year run-off of the customers alive at the horizon (${v.runoffStepsPerYear} steps a year, no acquisition), then a closing Gordon perpetuity per customer; costs beyond the horizon: ${v.costsBeyondHorizon} (run-rate: each lever but acquisition and the workforce keep the last year’s spend per month).`,
  )} ${esc(v.paymentTiming === 'advance' ? 'Margins are received at the start of each step (in advance).' : 'Margins are received at the end of each step survived (in arrears).')} Lever spend is paid at the start of a step, acquisition and workforce costs at its end.</p>`;
  return [
    '<h3>Valuation</h3>',
    valuation,
    '<h3>Strategies compared</h3>',
    strategies,
    '<h3>Profit pools</h3>',
    pools,
    '<h3>Customer segments</h3>',
    segments,
    Object.keys(levers).length ? '<h3>CX levers</h3>' + leverRows : '',
    '<h3>Workforce</h3>',
    wf,
  ].join('\n');
}
