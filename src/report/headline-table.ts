/**
 * The headline comparison table — strategies as rows — as cells that both the terminal
 * table and the HTML report render: net and customer equity with intervals, the paired
 * difference versus the baseline, P(beats), break-even, ROI, CX spend, CLV by segment and
 * share of the emerging pools at the horizon.
 */
import type { Comparison, StrategySummary } from '../metrics/comparison.ts';
import { money, moneyInterval, monthLabel, percent, signedMoney } from './format.ts';
import { roiText } from './roi-text.ts';
import { splitCells, valuationRuleText } from './valuation-text.ts';

export interface Cell {
  text: string;
  /** Secondary line: an interval or a standard error. */
  sub?: string;
}

/** Which of the headline tables a column belongs to (the report and the terminal show the same tables). */
export type ColumnGroup = 'decision' | 'value' | 'customers';

export interface Column {
  header: string;
  group: ColumnGroup;
  /** Second header line (units, what the interval is). */
  note?: string;
  align: 'left' | 'right';
  cell: (h: StrategySummary) => Cell;
}

const DASH = '—';

/**
 * @param short Use ids instead of display names in the segment and pool column headers
 * (the terminal table, where width is scarce).
 */
export function headlineColumns(c: Comparison, short = false): Column[] {
  const base = c.strategies.find((s) => s.baseline)?.name ?? c.baseline;
  const cols: Column[] = [
    { group: 'decision', header: 'Strategy', note: 'id (for --strategy)', align: 'left', cell: (h) => ({ text: h.baseline ? `${h.name} (baseline)` : h.name, sub: h.strategy }) },
    {
      group: 'decision' as const,
      header: 'Net equity',
      note: '90% of runs',
      align: 'right',
      cell: (h) => ({ text: money(h.totals.netEquity.mean), sub: moneyInterval(h.totals.netEquity.range90) }),
    },
    ...(c.valuation.rule.beyondHorizon === 'none'
      ? []
      : [
          { group: 'value' as const, header: 'Within horizon', note: 'net, mean', align: 'right' as const, cell: (h: StrategySummary) => ({ text: splitCells(c, h.strategy).within }) },
          {
            group: 'value' as const,
            header: 'Beyond horizon',
            note: 'net, mean',
            align: 'right' as const,
            cell: (h: StrategySummary) => {
              const s = splitCells(c, h.strategy);
              return { text: s.beyond, sub: s.beyondSub };
            },
          },
        ]),
    {
      group: 'decision' as const,
      header: `Δ vs ${base}`,
      note: '95% CI of mean',
      align: 'right',
      cell: (h) => (h.vsBaseline ? { text: signedMoney(h.vsBaseline.netEquity.mean), sub: moneyInterval(h.vsBaseline.netEquity.meanCi95) } : { text: DASH }),
    },
    ...(c.valuation.rule.beyondHorizon === 'none'
      ? []
      : [
          {
            group: 'decision' as const,
            header: 'Δ within horizon',
            note: '95% CI of mean',
            align: 'right' as const,
            cell: (h: StrategySummary) => {
              const s = splitCells(c, h.strategy);
              return s.deltaWithin ? { text: s.deltaWithin, sub: s.deltaWithinSub } : { text: DASH };
            },
          },
        ]),
    {
      group: 'decision' as const,
      header: 'P(beats)',
      note: 'Wilson 95% CI',
      align: 'right',
      cell: (h) => (h.vsBaseline ? { text: percent(h.vsBaseline.netEquity.pBeats, 0), sub: pBeatsInterval(h.vsBaseline.netEquity.pBeatsCi95) } : { text: DASH }),
    },
    {
      group: 'decision' as const,
      header: 'Break-even',
      align: 'right',
      cell: (h) => ({ text: h.vsBaseline ? (h.vsBaseline.breakEven.month === null ? `not by m${c.scenario.horizonMonths}` : monthLabel(h.vsBaseline.breakEven.month)) : DASH }),
    },
    {
      group: 'decision' as const,
      header: 'ROI',
      align: 'right',
      note: 'on Δ all costs',
      cell: (h) => roiCell(h),
    },
    { group: 'value', header: 'Customer equity', align: 'right', cell: (h) => ({ text: money(h.totals.customerEquity.mean), sub: moneyInterval(h.totals.customerEquity.range90) }) },
    { group: 'value', header: 'CX spend', note: 'PV', align: 'right', cell: (h) => ({ text: money(h.totals.cxSpendPV.mean) }) },
    { group: 'value', header: 'Workforce cost', note: 'PV', align: 'right', cell: (h) => ({ text: money(h.totals.workforceCostPV.mean) }) },
  ];
  for (const [seg, name] of Object.entries(c.labels.segments)) {
    cols.push({ group: 'customers', header: `CLV ${short ? seg : name}`, note: 'per customer', align: 'right', cell: (h) => ({ text: h.clv.bySegment[seg]?.mean ? money(h.clv.bySegment[seg].mean!.mean) : DASH }) });
  }
  for (const [pool, p] of Object.entries(c.labels.pools)) {
    if (p.kind !== 'emerging') continue;
    cols.push({
      group: 'customers' as const,
      header: `Share ${short ? pool : p.name}`,
      note: `at month ${c.scenario.horizonMonths}`,
      align: 'right',
      cell: (h) => ({ text: h.poolShareAtHorizon[pool] ? percent(h.poolShareAtHorizon[pool].mean) : DASH }),
    });
  }
  return cols;
}

/** Data columns per report table at most (beside the strategy column): what a 1,100-px page holds without scrolling. */
export const MAX_TABLE_COLUMNS = 6;

export interface HeadlineTable {
  group: ColumnGroup;
  /** The table's caption. */
  title: string;
  /** The strategy column first, then the group's columns. */
  columns: Column[];
}

const GROUP_TITLES: Record<ColumnGroup, string> = {
  decision: 'The decision: net equity and the lead over the baseline',
  value: 'Where the value lies: within and beyond the horizon, and the costs',
  customers: 'Per customer and per market',
};

/**
 * The headline columns as the report's tables, each narrow enough for a laptop screen and a
 * printed page: the decision numbers first, then value and costs, then customer lifetime value
 * per segment and market shares. Every column of `headlineColumns` is in exactly one table; a
 * group with more than MAX_TABLE_COLUMNS columns (many segments), or whose table `fits` rejects
 * (too wide for a terminal), is split evenly into the fewest parts that fit.
 * @param opts.short Ids instead of display names in segment and pool headers (the terminal).
 */
export function headlineTables(c: Comparison, opts: { short?: boolean; fits?: (columns: Column[]) => boolean } = {}): HeadlineTable[] {
  const [label, ...rest] = headlineColumns(c, opts.short);
  const out: HeadlineTable[] = [];
  for (const group of ['decision', 'value', 'customers'] as const) {
    const cols = rest.filter((col) => col.group === group);
    if (cols.length === 0) continue;
    // even parts of at most `size` columns (the last may be shorter; never an empty one)
    const split = (size: number) => Array.from({ length: Math.ceil(cols.length / size) }, (_, k) => [label, ...cols.slice(k * size, (k + 1) * size)]);
    let n = Math.ceil(cols.length / MAX_TABLE_COLUMNS);
    // a narrower medium (the terminal) splits a group further until every part fits
    while (opts.fits && n < cols.length && !split(Math.ceil(cols.length / n)).every(opts.fits)) n++;
    const parts = split(Math.ceil(cols.length / n));
    parts.forEach((columns, k) => out.push({ group, title: parts.length > 1 ? `${GROUP_TITLES[group]} (${k + 1} of ${parts.length})` : GROUP_TITLES[group], columns }));
  }
  return out;
}

/** A Wilson interval of a share, e.g. "[84%, 100%]". */
function pBeatsInterval(ci: [number, number] | undefined): string | undefined {
  return ci ? `[${percent(ci[0], 0)}, ${percent(ci[1], 0)}]` : undefined;
}

/** ROI with its interval, or why there is none (costs about the same, or lower). */
function roiCell(h: StrategySummary): Cell {
  const r = h.vsBaseline?.roi;
  if (!r) return { text: DASH };
  if (r.value === null) return { text: DASH, sub: r.short };
  return { text: percent(r.value, 0), sub: r.meanCi95 ? `[${percent(r.meanCi95[0], 0)}, ${percent(r.meanCi95[1], 0)}]` : undefined };
}

/** Sentences explaining the table's numbers. */
export function headlineNotes(c: Comparison): string[] {
  return [
    `Money in ${c.scenario.currency}, present values at ${percent(c.scenario.discountRate, 1)} a year, over ${c.scenario.horizonMonths} months, ${c.scenario.replications} replications.`,
    valuationRuleText(c.valuation.rule, c.scenario.horizonMonths),
    `Net equity = customer equity − CX spend − workforce costs, within the horizon and beyond it (the “Within horizon” and “Beyond horizon” columns split it; beyond = run-off + closing perpetuity). Intervals under equity: where 90% of replications fall.`,
    `Δ vs baseline: mean paired difference in net equity (same random draws), with the 95% confidence interval of that mean (Student t, ${c.scenario.replications - 1} degrees of freedom); P(beats): share of replications in which the strategy does better, with its Wilson 95% interval.`,
    `Break-even: months until the cumulative discounted net difference within the horizon (cash, no value beyond) turns positive for good.`,
    roiText(c.valuation.rule, c.scenario.horizonMonths, c.scenario.discountRate),
  ];
}
