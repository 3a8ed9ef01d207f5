/**
 * What every chart needs besides its rows: display names, the fixed strategy colours, the
 * currency, the time grid and the page width. Charts are functions (rows, context) → SVG.
 */
import type { Comparison } from '../metrics/comparison.ts';
import { strategyColours, type StrategyColours } from './palette.ts';

export interface ChartContext {
  strategyName: (id: string) => string;
  colours: StrategyColours;
  currency: string;
  stepsPerYear: number;
  horizonMonths: number;
  replications: number;
  /** Chart width in pixels. */
  width: number;
  poolName: (id: string) => string;
  segmentName: (id: string) => string;
  leverName: (id: string) => string;
}

/** Display name of a lever-spend series suffix (treatment and offers are not levers). */
function leverLabel(c: Comparison, id: string): string {
  if (id === 'treatment') return 'Portfolio treatment';
  if (id === 'offers') return 'Retention offers';
  return c.labels.levers[id] ?? id;
}

export function chartContext(c: Comparison, width = 1040): ChartContext {
  const names = new Map(c.strategies.map((s) => [s.id, s.name]));
  return {
    strategyName: (id) => names.get(id) ?? id,
    colours: strategyColours(c.strategies),
    currency: c.scenario.currency,
    stepsPerYear: c.scenario.stepsPerYear,
    horizonMonths: c.scenario.horizonMonths,
    replications: c.scenario.replications,
    width,
    poolName: (id) => c.labels.pools[id]?.name ?? id,
    segmentName: (id) => c.labels.segments[id] ?? id,
    leverName: (id) => leverLabel(c, id),
  };
}

/** A chart of the report: its title, and its SVG with a plain-language caption (null when it does not apply). */
export interface ReportChart {
  id: string;
  title: string;
  build: (c: Comparison, ctx: ChartContext) => { svg: string; caption: string } | { svg: null; caption: string };
}
