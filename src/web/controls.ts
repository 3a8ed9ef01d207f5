/**
 * The page's sliders, generated from a scenario and the schema — not listed per scenario.
 * Which fields a facilitator moves is a short list of path patterns (a strategy's budget and
 * allocation; pool growth, Bass p and q; competitor levels; churn; employee support); their
 * labels come from the scenario's names, their help text and limits from the JSON Schema
 * (src/web/schema-walk.ts). Controls edit the scenario *as written*, so the edited file
 * reads like the original with a few numbers changed. Pure: runs in the browser and tests.
 */
import { distributionSupport, type Distribution, type Scenario } from '../scenario/schema.ts';
import { expectedValue } from '../scenario/memory.ts';
import { fieldInfo, type FieldInfo } from './schema-walk.ts';

type Json = Record<string, any>;

export type ControlFormat = 'money' | 'share' | 'rate' | 'percent' | 'number' | 'points' | 'month';

export interface ControlSpec {
  /** Stable id (also the key in the URL): the dotted path, plus `#mean` for a derived control. */
  id: string;
  group: string;
  label: string;
  /** The schema's description of the field (plus a note for uncertain parameters). */
  help: string;
  min: number;
  max: number;
  step: number;
  /** Value in the scenario file (the slider's home). */
  initial: number;
  format: ControlFormat;
  /** How the value is written into the scenario. */
  kind: 'plain' | 'shift' | 'betaMean' | 'leap' | 'leapMonth';
  path: string[];
  /** For allocation controls: the strategy whose shares must sum to at most 1. */
  allocationOf?: string;
}

const get = (o: unknown, path: readonly string[]): unknown => path.reduce<unknown>((v, k) => (v !== null && typeof v === 'object' ? (v as Json)[k] : undefined), o);

function niceStep(span: number, integer: boolean): number {
  if (!(span > 0)) return integer ? 1 : 0.01;
  const raw = span / 100;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  return integer ? Math.max(1, Math.round(step)) : step;
}


/**
 * The slider's range around the file's value v: the schema's bounds where they are close,
 * otherwise v ± 2·max(|v|, 0.1) (so a growth rate of −8%/year moves from −28% to +12%).
 * `support` widens the lower/upper room for a distribution, whose whole range must stay in bounds.
 */
function range(v: number, info: FieldInfo, support: [number, number] = [v, v]): { min: number; max: number; step: number } {
  const reach = 2 * Math.max(Math.abs(v), 0.1);
  let lo = v - reach;
  let hi = v + reach;
  if (info.min !== undefined) lo = Math.max(lo, info.min + (v - support[0]));
  if (info.max !== undefined) hi = Math.min(hi, info.max - (support[1] - v));
  const step = niceStep(hi - lo, info.integer);
  // an exclusive bound is never reached: the slider stops one step inside it
  if (info.exclusiveMin && info.min !== undefined && lo <= info.min + (v - support[0])) lo += step;
  if (info.exclusiveMax && info.max !== undefined && hi >= info.max - (support[1] - v)) hi -= step;
  lo = Math.ceil(lo / step - 1e-9) * step;
  hi = Math.floor(hi / step + 1e-9) * step;
  return { min: Number(lo.toPrecision(12)), max: Number(hi.toPrecision(12)), step };
}

/** A distribution moved by `delta` (a log-normal is scaled, keeping its coefficient of variation). */
export function shiftDistribution(d: Distribution, delta: number): Distribution {
  const r = (x: number) => Number((x + delta).toPrecision(12));
  switch (d.dist) {
    case 'normal':
      return { ...d, mean: r(d.mean), ...(d.min !== undefined ? { min: r(d.min) } : {}), ...(d.max !== undefined ? { max: r(d.max) } : {}) };
    case 'lognormal': {
      const k = (d.mean + delta) / d.mean;
      return { ...d, mean: Number((d.mean * k).toPrecision(12)), sd: Number((d.sd * k).toPrecision(12)) };
    }
    case 'uniform':
      return { ...d, min: r(d.min), max: r(d.max) };
    case 'triangular':
      return { ...d, min: r(d.min), mode: r(d.mode), max: r(d.max) };
    case 'beta':
      return { ...d, min: r(d.min), max: r(d.max) };
    case 'empirical':
      return { ...d, values: d.values.map(r) };
  }
}

interface Candidate {
  path: string[];
  group: string;
  label: string;
  format: ControlFormat;
  allocationOf?: string;
}

const nameOf = (x: { name?: string } | undefined, id: string): string => x?.name ?? id;

/** The fields a facilitator moves, as path patterns over this scenario. */
function candidates(sc: Scenario, strategies: string[]): Candidate[] {
  const out: Candidate[] = [];
  for (const [k, s] of strategies.entries()) {
    const st = sc.strategies[s];
    if (!st || strategies.indexOf(s) !== k) continue; // the same strategy on both sides: one set of sliders
    const group = `${strategies.length > 1 && strategies[0] === strategies[1] ? 'A = B' : k === 0 ? 'A' : 'B'}: ${nameOf(st, s)}`;
    out.push({ path: ['strategies', s, 'budget', 'perYear'], group, label: `CX budget per year (${sc.meta.currency})`, format: 'money' });
    for (const [lever, l] of Object.entries(sc.levers)) {
      if (Object.hasOwn(st.schedules, lever)) continue; // a schedule replaces the allocation of that lever
      out.push({ path: ['strategies', s, 'budget', 'allocation', lever], group, label: `Share to: ${nameOf(l, lever)}`, format: 'share', allocationOf: s });
    }
  }
  for (const [id, p] of Object.entries(sc.pools)) {
    const group = 'Profit pools';
    if (p.wallet.trajectory.type === 'cagr') out.push({ path: ['pools', id, 'wallet', 'trajectory', 'rate'], group, label: `${nameOf(p, id)}: market growth per year`, format: 'rate' });
    if (p.kind === 'emerging') {
      out.push({ path: ['pools', id, 'bass', 'p'], group, label: `${nameOf(p, id)}: adoption on their own (Bass p, per year)`, format: 'number' });
      out.push({ path: ['pools', id, 'bass', 'q'], group, label: `${nameOf(p, id)}: adoption by imitation (Bass q, per year)`, format: 'number' });
    }
  }
  for (const [id, c] of Object.entries(sc.competitors)) {
    const pools = Object.entries(c.experience).filter(([, level]) => typeof level === 'number'); // a level over time is edited in the file
    for (const [pool] of pools) {
      out.push({ path: ['competitors', id, 'experience', pool], group: 'Competitors', label: `${nameOf(c, id)}: experience in ${nameOf(sc.pools[pool], pool)}`, format: 'share' });
      out.push({ path: ['competitors', id, 'experience', pool, '#leap'], group: 'Competitors', label: `${nameOf(c, id)}: leap ahead in ${nameOf(sc.pools[pool], pool)}`, format: 'points' });
    }
    if (pools.length > 0) out.push({ path: ['competitors', id, '#leapMonth'], group: 'Competitors', label: `${nameOf(c, id)}: month of the leap`, format: 'month' });
  }
  for (const [id, seg] of Object.entries(sc.segments)) {
    if ('annualRate' in seg.churn) out.push({ path: ['segments', id, 'churn', 'annualRate'], group: 'Customers', label: `${nameOf(seg, id)}: churn per year`, format: 'percent' });
    else out.push({ path: ['segments', id, 'churn', 'alpha'], group: 'Customers', label: `${nameOf(seg, id)}: average churn per year`, format: 'percent' });
  }
  out.push({ path: ['behaviour', 'churnSatisfactionSensitivity'], group: 'Customers', label: 'How much (un)happiness drives churn', format: 'number' });
  if (sc.workforce) {
    const group = 'Employees (service-profit chain)';
    out.push({ path: ['workforce', 'internalServiceQuality', 'base'], group, label: 'Employee support without investment (ISQ base)', format: 'share' });
    out.push({ path: ['workforce', 'engagement', 'isqWeight'], group, label: 'How much support lifts engagement', format: 'number' });
    out.push({ path: ['workforce', 'turnover', 'annualRate'], group, label: 'Employee turnover per year', format: 'percent' });
  }
  return out;
}

/**
 * Controls for a scenario: `scenario` is the normalised scenario (every default present),
 * `schema` its JSON Schema; `strategies` the two compared (A first).
 */
export function controlsFor(scenario: Scenario, schema: Json, strategies: string[]): ControlSpec[] {
  const specs: ControlSpec[] = [];
  for (const c of candidates(scenario, strategies)) {
    const last = c.path[c.path.length - 1];
    if (last === '#leap' || last === '#leapMonth') {
      specs.push(leapControl(scenario, c));
      continue;
    }
    const betaMean = c.path[2] === 'churn' && c.path[3] === 'alpha';
    const value = betaMean ? get(scenario, c.path.slice(0, -1)) : get(scenario, c.path) ?? (c.allocationOf ? 0 : undefined);
    const info = fieldInfo(schema, scenario, betaMean ? c.path.slice(0, -1) : c.path);
    if (!info) continue;
    if (betaMean) {
      const { alpha, beta } = value as { alpha: number; beta: number };
      if (typeof alpha !== 'number' || typeof beta !== 'number') continue;
      const m = alpha / (alpha + beta);
      const r = range(m, { ...info, min: 0, max: 1, exclusiveMin: true, exclusiveMax: true });
      specs.push({
        id: `${c.path.slice(0, -1).join('.')}#mean`,
        ...c,
        path: c.path.slice(0, -1),
        help: `${info.description} The slider sets the average, α/(α+β), and keeps α+β (how much customers differ) fixed.`,
        ...r,
        initial: m,
        kind: 'betaMean',
      });
    } else if (typeof value === 'number') {
      const r = range(value, info);
      let help = plain(info.description);
      const pool = c.path[0] === 'pools' && c.path[4] === 'rate' ? scenario.pools[c.path[1]] : undefined;
      if (pool && pool.wallet.longRunGrowth === undefined && scenario.valuation.beyondHorizon !== 'none') {
        // the closing perpetuity grows with this rate for ever: at or above the discount rate it has no finite value (validation refuses it)
        const cap = Math.floor((scenario.meta.discountRate - 0.005) / r.step) * r.step;
        if (cap < r.max) {
          r.max = Math.max(r.min, Number(cap.toPrecision(12)));
          help += ` Kept below the discount rate (${(scenario.meta.discountRate * 100).toFixed(1)}% a year): the value beyond the horizon grows with this rate for ever, and at or above the discount rate it would be infinite.`;
        }
      }
      specs.push({ id: c.path.join('.'), ...c, help, ...r, initial: Math.min(value, r.max), kind: 'plain' });
    } else if (value !== null && typeof value === 'object' && 'dist' in (value as Json)) {
      const d = value as Distribution;
      const centre = expectedValue(d);
      const r = range(centre, info, distributionSupport(d));
      if (!(r.max > r.min)) continue;
      specs.push({
        id: c.path.join('.'),
        ...c,
        label: `${c.label} (uncertain: mean)`,
        help: `${plain(info.description)} In the file this is a ${d.dist} distribution; the slider moves its mean and keeps its spread.`,
        ...r,
        initial: centre,
        kind: 'shift',
      });
    }
  }
  return specs;
}

/** The month of a competitor leap when the page has not moved it: a third into the horizon. */
export const defaultLeapMonth = (sc: Scenario): number => Math.max(1, Math.round(sc.meta.horizonMonths / 3));

/**
 * A competitor leap: from a month on, a competitor's experience level in a pool rises by the
 * slider's amount. Written in the file as the level over time (`points`), which the schema
 * already allows, so the edited file needs no new concept.
 */
function leapControl(sc: Scenario, c: Candidate): ControlSpec {
  const base = c.path.slice(0, -1);
  if (c.path[c.path.length - 1] === '#leapMonth') {
    const h = sc.meta.horizonMonths;
    return {
      id: `${base.join('.')}#leapMonth`,
      ...c,
      path: base,
      help: `Month from which the competitor's leaps below apply (0 = first month; the horizon is ${h} months).`,
      min: 0,
      max: Math.max(1, h - 1),
      step: 1,
      initial: defaultLeapMonth(sc),
      kind: 'leapMonth',
    };
  }
  return {
    id: `${base.join('.')}#leap`,
    ...c,
    path: base,
    help: 'Added to the competitor’s experience level in this pool from the month of the leap (levels stay within 0–1). In the file: the level over time, as [month, level] points.',
    min: 0,
    max: 0.5,
    step: 0.01,
    initial: 0,
    kind: 'leap',
  };
}

/** The schema's note for file authors ("Uncertain allowed.") is not for the page. */
const plain = (description: string) => description.replace(/\s*Uncertain allowed\.\s*$/, '');


function setPath(o: Json, path: readonly string[], value: unknown): void {
  let cur = o;
  for (const k of path.slice(0, -1)) {
    if (cur[k] === null || typeof cur[k] !== 'object' || Array.isArray(cur[k])) cur[k] = {};
    cur = cur[k];
  }
  cur[path[path.length - 1]] = value;
}

/**
 * Writes control values into a copy of the scenario as written (`input`), reading the
 * current distributions and churn shapes from the normalised `scenario`.
 */
export function applyControls(input: Json, scenario: Scenario, specs: ControlSpec[], values: Record<string, number>): Json {
  const out = structuredClone(input);
  for (const spec of specs) {
    const v = values[spec.id];
    if (v === undefined || !Number.isFinite(v) || v === spec.initial) continue;
    if (spec.kind === 'leapMonth') continue; // read by the leaps
    if (spec.kind === 'leap') {
      const written = get(out, spec.path);
      const level = typeof written === 'number' ? written : (get(scenario, spec.path) as number);
      const monthSpec = specs.find((s) => s.kind === 'leapMonth' && spec.id.startsWith(`${s.path.join('.')}.`));
      const month = Math.round(values[monthSpec?.id ?? ''] ?? monthSpec?.initial ?? defaultLeapMonth(scenario));
      const after = Number(Math.min(1, level + v).toPrecision(12));
      setPath(out, spec.path, { points: month > 1 ? [[0, level], [month - 1, level], [month, after]] : month === 1 ? [[0, level], [1, after]] : [[0, after]] });
    } else if (spec.kind === 'plain') setPath(out, spec.path, v);
    else if (spec.kind === 'shift') setPath(out, spec.path, shiftDistribution(get(scenario, spec.path) as Distribution, v - spec.initial));
    else {
      const { alpha, beta } = get(scenario, spec.path) as { alpha: number; beta: number };
      const k = alpha + beta;
      setPath(out, spec.path, { alpha: Number((v * k).toPrecision(12)), beta: Number(((1 - v) * k).toPrecision(12)) });
    }
  }
  return out;
}

/**
 * After allocation slider `id` moved to `value`: the strategy's other shares are scaled down
 * when the total would exceed 1 (the schema's rule), so a slider never makes the file invalid.
 */
export function rebalance(specs: ControlSpec[], values: Record<string, number>, id: string, value: number): Record<string, number> {
  const out = { ...values, [id]: value };
  const spec = specs.find((s) => s.id === id);
  if (!spec?.allocationOf) return out;
  const others = specs.filter((s) => s.allocationOf === spec.allocationOf && s.id !== id);
  const cur = (s: ControlSpec) => out[s.id] ?? s.initial;
  const rest = others.reduce((a, s) => a + cur(s), 0);
  if (value + rest <= 1 + 1e-9 || rest <= 0) return out;
  const k = Math.max(0, 1 - value) / rest;
  for (const s of others) out[s.id] = Math.floor(cur(s) * k * 1e6) / 1e6;
  return out;
}

