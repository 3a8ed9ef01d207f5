/**
 * The headline table of the page: per strategy, net customer equity (mean and 95% interval of
 * the mean), the part of it beyond the horizon, CX spend, customers at the horizon and our
 * share of each pool; then B − A, replication by replication, with how sure it is. Every
 * number cell carries its raw value in data-value (for tests and for copying).
 */
import { money } from '../report/format.ts';
import type { View } from './results.ts';

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const cell = (key: string, value: number, text: string, cls = '') => `<td class="num ${cls}" data-key="${esc(key)}" data-value="${value}">${esc(text)}</td>`;
const pct = (x: number) => `${Math.round(x * 100)}%`;
const signed = (x: number) => (x > 0 ? `+${money(x)}` : money(x));
const range = (lo: number, hi: number, f = money) => `${f(lo)} to ${f(hi)}`;

export function headlineTable(v: View, pools: Record<string, string>): string {
  const poolIds = Object.keys(v.strategies[0].shareAtHorizon);
  const horizon = v.months[v.months.length - 1];
  const head = [
    '<th scope="col">Strategy</th>',
    `<th scope="col">Net customer equity<br><small>today's value, ${esc(v.currency)}</small></th>`,
    `<th scope="col">95% interval of the mean</th>`,
    `<th scope="col" class="minor">of which beyond month ${horizon}</th>`,
    `<th scope="col">CX spend<br><small>today's value</small></th>`,
    `<th scope="col" class="minor">Customers at month ${horizon}</th>`,
    ...poolIds.map((p) => `<th scope="col">Our share: ${esc(pools[p] ?? p)}</th>`),
  ].join('');
  const rows = v.strategies.map((s, k) => {
    const tag = k === 0 ? 'A' : 'B';
    return `<tr class="strategy-${tag}"><th scope="row"><span class="swatch s${tag}"></span>${tag}: ${esc(s.name)}</th>${[
      cell(`${tag}.netEquity`, s.netEquity.mean, money(s.netEquity.mean), 'big'),
      cell(`${tag}.netEquity.ci95`, s.netEquity.meanCi95[1], range(...s.netEquity.meanCi95)),
      cell(`${tag}.beyondHorizon`, s.beyondHorizonPV.mean, money(s.beyondHorizonPV.mean), 'minor'),
      cell(`${tag}.cxSpend`, s.cxSpendPV.mean, money(s.cxSpendPV.mean)),
      cell(`${tag}.alive`, s.aliveAtHorizon.mean, Math.round(s.aliveAtHorizon.mean).toLocaleString('en-US'), 'minor'),
      ...poolIds.map((p) => cell(`${tag}.share.${p}`, s.shareAtHorizon[p].mean, pct(s.shareAtHorizon[p].mean))),
    ].join('')}</tr>`;
  });
  const d = v.difference.netEquity;
  const n = v.replications;
  const sure =
    d.meanCi95[0] > 0
      ? 'B is ahead in net customer equity (the 95% interval is above 0)'
      : d.meanCi95[1] < 0
        ? 'A is ahead in net customer equity (the 95% interval is below 0)'
        : 'Not sure which is ahead: the 95% interval includes 0';
  const wins = Math.round(d.pBeats * n);
  const be = v.difference.breakEven;
  const cash =
    be.month === null
      ? `Counting only money in and out until month ${horizon} (no value beyond it), B has not caught up by then.`
      : `Counting only money in and out (no value beyond month ${horizon}), B stays ahead from month ${be.month}.`;
  const diff = `<tr class="difference"><th scope="row">B − A</th>${[
    cell('diff.netEquity', d.mean, signed(d.mean), 'big'),
    cell('diff.netEquity.ci95', d.meanCi95[1], range(d.meanCi95[0], d.meanCi95[1], signed)),
  ].join('')}<td colspan="${3 + poolIds.length}" class="verdict" data-key="diff.pBeats" data-value="${d.pBeats}">${esc(sure)}; B comes out ahead in ${wins} of ${n} runs${
    n < 10 ? ' (too few runs to be sure: preliminary)' : ''
  }. <span class="cash">${esc(cash)}</span></td></tr>`;
  return `<table class="headline"><thead><tr>${head}</tr></thead><tbody>${rows.join('')}${diff}</tbody></table>`;
}
