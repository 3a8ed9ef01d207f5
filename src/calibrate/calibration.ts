/**
 * A calibration run as data: for each group (cohort or --segment-by value) the fitted
 * models (estimates with SEs, ln L, AIC, BIC), the goodness-of-fit tables, and the
 * scenario segments they map to (segments.ts). Pure: the CLI reads the files and writes
 * the outputs.
 */
import { fitBgBb, type BgBbRow } from './bgbb.ts';
import { fitBgNbd } from './bgnbd.ts';
import type { EventLogSummary } from './event-log.ts';
import type { FitSummary } from './fit.ts';
import { fitGammaGamma } from './gamma-gamma.ts';
import {
  bgbbHistogram,
  bgnbdConditionalTable,
  bgnbdHistogram,
  bgnbdTracking,
  gammaGammaTable,
  sbgTable,
  type ConditionalRow,
  type HistogramRow,
  type SpendRow,
  type SurvivalRow,
  type TrackingRow,
} from './goodness-of-fit.ts';
import { subset, type RfmData } from './rfm.ts';
import { fitSbg, type SurvivalCohort } from './sbg.ts';
import { bgbbSegment, bgnbdRateClasses, bgnbdSegments, sbgSegment, type RateClass, type SegmentOut } from './segments.ts';
import { ID_PATTERN } from '../scenario/schema.ts';

export type ModelName = 'sbg' | 'bgnbd' | 'bgbb' | 'gammagamma';

export const MODEL_TITLES: Record<ModelName, string> = {
  sbg: 'shifted-beta-geometric (sBG)',
  bgnbd: 'BG/NBD',
  bgbb: 'BG/BB',
  gammagamma: 'Gamma-Gamma',
};

export interface FittedModel {
  model: ModelName;
  /** Estimates by parameter name, with SE and 95% interval. */
  fit: FitSummary;
}

export interface GroupResult {
  group: string;
  customers: number;
  models: FittedModel[];
  survival?: SurvivalRow[];
  histogram?: HistogramRow[];
  tracking?: TrackingRow[];
  conditional?: ConditionalRow[];
  spend?: SpendRow[];
  classes?: RateClass[];
}

export interface CalibrationResult {
  model: ModelName;
  /** What was read, in words and numbers (file, rows, periods, dates). */
  data: Record<string, string | number | null>;
  /** Mapping settings and assumptions, one sentence each (also written into the YAML and report). */
  assumptions: string[];
  groups: GroupResult[];
  segments: Record<string, SegmentOut>;
  pool: string;
}

export interface MappingOptions {
  pool: string;
  shareOfWallet: number;
  /** Segment id prefix (sanitised to an id). */
  prefix: string;
}

/** A scenario id from free text: letters, digits, "-" and "_", starting with a letter. */
export function toId(s: string): string {
  let id = s.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/^-+|-+$/g, '');
  if (!/^[A-Za-z]/.test(id)) id = `s-${id}`;
  return ID_PATTERN.test(id) ? id : 'segment';
}

// ---------------------------------------------------------------------------------------

export interface SurvivalOptions extends MappingOptions {
  periodsPerYear: number;
  /** Periods fitted (0..fitted); the rest of the table is hold-out. */
  fitted?: number;
  monthlySpend?: number;
}

export function calibrateSurvival(cohorts: SurvivalCohort[], full: SurvivalCohort[], o: SurvivalOptions, data: CalibrationResult['data']): CalibrationResult {
  const groups: GroupResult[] = [];
  const segments: Record<string, SegmentOut> = {};
  for (const c of cohorts) {
    const f = fitSbg(c);
    const all = full.find((x) => x.name === c.name)!.alive;
    groups.push({ group: c.name, customers: c.alive[0], models: [{ model: 'sbg', fit: f.fit }], survival: sbgTable(f.alpha, f.beta, all, f.periods) });
    segments[toId(c.name)] = sbgSegment(f, { name: c.name, customers: c.alive[0], periodsPerYear: o.periodsPerYear, pool: o.pool, monthlySpend: o.monthlySpend, shareOfWallet: o.shareOfWallet });
  }
  const assumptions = [
    `Churn: the fitted θ ~ Beta(α, β) per period is the annual churn propensity${o.periodsPerYear === 1 ? ' (one period per year)' : `, converted from ${o.periodsPerYear} periods a year to a year by matching the mean and variance of 1 − (1−θ)^${o.periodsPerYear}`}.`,
    o.monthlySpend === undefined
      ? 'Spend: the survival table has none; the segments carry no wallet (add `wallet:` by hand, or pass --monthly-spend).'
      : `Spend: every active customer spends ${o.monthlySpend} per month with us; wallet.mean = that / share of wallet ${o.shareOfWallet}.`,
    'Customers start at the reference satisfaction without service contacts, so the simulated churn is the fitted churn until CX effects move it.',
  ];
  return { model: 'sbg', data, assumptions, groups, segments, pool: o.pool };
}

// ---------------------------------------------------------------------------------------

export interface EventLogOptions extends MappingOptions {
  model: 'bgnbd' | 'gammagamma';
  classes: number;
  seed: number;
}

function byGroup(log: EventLogSummary): [string, RfmData][] {
  if (!log.segment) return [['all', log.rfm]];
  const names = [...new Set(log.segment)].sort();
  return names.map((g) => [g, subset(log.rfm, (i) => log.segment![i] === g)]);
}

export function calibrateEventLog(log: EventLogSummary, o: EventLogOptions, data: CalibrationResult['data']): CalibrationResult {
  const unitsPerYear = 365.25 / log.unitDays;
  const unitName = log.unitDays === 7 ? 'week' : log.unitDays === 1 ? 'day' : `${log.unitDays} days`;
  const groups: GroupResult[] = [];
  const segments: Record<string, SegmentOut> = {};
  let zeroSpend = 0;
  for (const [group, rfm] of byGroup(log)) {
    const rep = subset(rfm, (i) => rfm.x[i] > 0 && rfm.meanValue[i] > 0);
    for (let i = 0; i < rfm.x.length; i++) if (rfm.x[i] > 0 && !(rfm.meanValue[i] > 0)) zeroSpend++;
    const gg = fitGammaGamma({ x: rep.x, meanValue: rep.meanValue });
    const g: GroupResult = { group, customers: rfm.x.length, models: [], spend: gammaGammaTable(gg, rfm.x, rfm.meanValue) };
    if (o.model === 'bgnbd') {
      const f = fitBgNbd(rfm);
      g.models.push({ model: 'bgnbd', fit: f.fit });
      g.histogram = bgnbdHistogram(f, rfm);
      if (!log.segment) g.tracking = bgnbdTracking(f, log.firstPurchasesByDay, log.repeatByUnit, log.unitDays, log.calibrationUnits);
      if (rfm.holdoutLength > 0) g.conditional = bgnbdConditionalTable(f, rfm);
      g.classes = bgnbdRateClasses(f, gg, { unitsPerYear, classes: o.classes, seed: o.seed });
      const prefix = log.segment ? toId(`${o.prefix}-${group}`) : toId(o.prefix);
      Object.assign(segments, bgnbdSegments(g.classes, rfm.x.length, { idPrefix: prefix, name: log.segment ? `${o.prefix} ${group}` : o.prefix, pool: o.pool, shareOfWallet: o.shareOfWallet, unitName }));
    }
    g.models.push({ model: 'gammagamma', fit: gg.fit });
    groups.push(g);
  }
  const assumptions =
    o.model === 'bgnbd'
      ? [
          `Time: one unit is ${log.unitDays} day${log.unitDays === 1 ? '' : 's'}; ${unitsPerYear.toFixed(2)} units per year. Same-day purchases are one transaction; the first purchase is the acquisition, not a repeat.`,
          'Churn: a BG/NBD customer drops out after a repeat purchase with probability p, so the drop-out time is exponential with rate λp; the annual churn propensity is θ = 1 − exp(−λp·units per year), whose monthly hazard in cxsim is the BG/NBD hazard exactly.',
          `Segments: ${o.classes} equal-sized classes of the purchase rate λ (quantiles of its Gamma(r, α)), each with the Beta matching the mean and variance of θ within the class (moments from a fixed seeded sample of 400,000 draws of (λ, p)), so that heavier buyers churn faster, as in the model.`,
          `Spend: an active customer spends λ·units per year/12 transactions per month times the Gamma-Gamma mean spend per transaction pγ/(q−1); wallet.mean = that / share of wallet ${o.shareOfWallet} (cxsim's wallet is the market spend); the wallet cv combines λ within the class and spend per transaction across customers.`,
          'Customers start at the reference satisfaction without service contacts, so the simulated churn and spend are the fitted ones until CX effects move them. All customers start at month 0 (the acquisition).',
        ]
      : ['Gamma-Gamma alone gives spend per transaction, not churn: no segments are written (fit --model bgnbd for segments).'];
  return { model: o.model, data: { ...data, zeroSpendCustomers: zeroSpend }, assumptions, groups, segments, pool: o.pool };
}

// ---------------------------------------------------------------------------------------

export interface BgBbOptions extends MappingOptions {
  opportunitiesPerYear: number;
  amountPerTransaction: number;
}

export function calibrateBgBb(tables: { segment: string; rows: BgBbRow[] }[], o: BgBbOptions, data: CalibrationResult['data']): CalibrationResult {
  const groups: GroupResult[] = [];
  const segments: Record<string, SegmentOut> = {};
  for (const t of tables) {
    const f = fitBgBb(t.rows);
    const customers = t.rows.reduce((s, r) => s + r.count, 0);
    groups.push({ group: t.segment, customers, models: [{ model: 'bgbb', fit: f.fit }], histogram: bgbbHistogram(f, t.rows) });
    const id = tables.length === 1 ? toId(o.prefix) : toId(`${o.prefix}-${t.segment}`);
    segments[id] = bgbbSegment(f, { name: tables.length === 1 ? o.prefix : `${o.prefix} ${t.segment}`, customers, opportunitiesPerYear: o.opportunitiesPerYear, amountPerTransaction: o.amountPerTransaction, pool: o.pool, shareOfWallet: o.shareOfWallet });
  }
  const assumptions = [
    `Churn: the BG/BB drop-out θ ~ Beta(γ, δ) per opportunity is the annual churn propensity${o.opportunitiesPerYear === 1 ? ' (one opportunity per year)' : `, converted from ${o.opportunitiesPerYear} opportunities a year by matching mean and variance`}.`,
    `Spend: an active customer transacts with probability E[p] = α/(α+β) at each opportunity, ${o.amountPerTransaction} per transaction; wallet.mean = E[p]·opportunities per year/12·amount / share of wallet ${o.shareOfWallet}; wallet cv is the cv of p across customers.`,
    'Customers start at the reference satisfaction without service contacts, so the simulated churn is the fitted churn until CX effects move it.',
  ];
  return { model: 'bgbb', data, assumptions, groups, segments, pool: o.pool };
}
