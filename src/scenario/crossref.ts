/**
 * Checks a schema-valid scenario for what zod alone cannot see: references between parts
 * (pool, segment, journey, stage, touchpoint, lever, portfolio ids), sums that must hold
 * (transition rows, budget allocations), a single baseline, increasing time points, friction
 * floors, strategy overrides that must still give a valid scenario, and whether a run fits
 * in memory. Pure: the machine's memory comes in as an option.
 */
import { deepMerge } from './merge.ts';
import { distributionSupport, INDICATOR_HELP, Scenario, type Param, type LeverKind } from './schema.ts';
import { formatPath, validateWithSchema, type Finding, type PathSegment } from './errors.ts';
import { didYouMean } from './suggest.ts';
import { valuationFindings } from './valuation-checks.ts';
import { estimateMemory, formatBytes, niceCeiling, BYTES_PER_CUSTOMER, MEMORY_SHARE } from './memory.ts';

export interface CrossrefOptions {
  /** The machine's memory and the worker threads a run will use; without it the memory check is skipped. */
  memory?: { totalBytes: number; threads: number };
}

/** Tolerance on sums that must equal 1 (transition rows). */
export const SUM_TOLERANCE = 1e-9;

/** What each lever kind acts on. */
const LEVER_TARGETS: Record<LeverKind, 'controllableTouchpoint' | 'externalTouchpoint' | 'pool' | 'segment' | 'portfolio' | 'firm'> = {
  friction: 'controllableTouchpoint',
  mitigation: 'externalTouchpoint',
  readiness: 'pool',
  employeeSupport: 'firm',
  automation: 'firm',
  automationQuality: 'firm',
  acquisition: 'segment',
  portfolioTreatment: 'portfolio',
  retentionOffer: 'firm',
};

/** Leading indicators a rule may watch: those taking a pool id, and the firm-wide ones. */
const POOL_INDICATORS = ['adoption', 'share', 'walletIndex'];
const FIRM_INDICATORS = ['satisfaction', 'promoters', 'churnRate', 'activeCustomers', 'engagement', 'serviceQuality', 'workload', 'month'];

const listIds = (ids: string[]): string => (ids.length > 8 ? [...ids.slice(0, 8), '…'] : ids).join(', ');

/** `expected a pool id (film, digital), found "flim" (did you mean "film"?)`, or undefined when the id exists. */
function unknownId(what: string, ids: string[], value: string): string | undefined {
  if (ids.includes(value)) return undefined;
  if (ids.length === 0) return `expected ${what}, found "${value}" (none are defined)`;
  return `expected ${what} (${listIds(ids)}), found "${value}"${didYouMean(value, ids)}`;
}

/** The largest value a parameter can take (the number itself, or the top of the distribution's support). */
const upper = (p: Param): number => (typeof p === 'number' ? p : distributionSupport(p)[1]);
const lower = (p: Param): number => (typeof p === 'number' ? p : distributionSupport(p)[0]);

const round = (x: number): number => Number(x.toPrecision(12));

export function crossref(scenario: Scenario, options: CrossrefOptions = {}): Finding[] {
  const out: Finding[] = [];
  const add = (path: PathSegment[], message: string, at: 'key' | 'value' = 'value') => out.push({ path, message, at });
  const ref = (path: PathSegment[], what: string, ids: string[], value: string, at: 'key' | 'value' = 'value') => {
    const m = unknownId(what, ids, value);
    if (m) add(path, m, at);
  };

  const poolIds = Object.keys(scenario.pools);
  const emergingPools = poolIds.filter((p) => scenario.pools[p].kind === 'emerging');
  const segmentIds = Object.keys(scenario.segments);
  const journeyIds = Object.keys(scenario.journeys);
  const portfolioIds = Object.keys(scenario.portfolios);
  const leverIds = Object.keys(scenario.levers);

  for (const [key, ids] of [['pools', poolIds], ['segments', segmentIds], ['journeys', journeyIds]] as const) {
    if (ids.length === 0) add([key], `expected at least one ${key.slice(0, -1)}, found none`, 'key');
  }
  // the engine keeps these per customer in bytes: pools as bits of one byte, the others as indices
  if (poolIds.length > 8) add(['pools'], `expected at most 8 pools, found ${poolIds.length}`, 'key');
  if (segmentIds.length > 255) add(['segments'], `expected at most 255 segments, found ${segmentIds.length}`, 'key');
  if (portfolioIds.length > 255) add(['portfolios'], `expected at most 255 portfolios, found ${portfolioIds.length}`, 'key');
  const stageCount = journeyIds.reduce((a, j) => a + Object.keys(scenario.journeys[j].stages).length, 0);
  if (stageCount > 255) add(['journeys'], `expected at most 255 stages over all journeys, found ${stageCount}`, 'key');

  // time points must increase
  const increasing = (path: PathSegment[], points: [number, number][]) => {
    for (let i = 1; i < points.length; i++) {
      if (!(points[i][0] > points[i - 1][0])) {
        add([...path, i, 0], `expected months in increasing order, found ${points[i][0]} after ${points[i - 1][0]}`);
      }
    }
  };

  // pools
  for (const [id, pool] of Object.entries(scenario.pools)) {
    const t = pool.wallet.trajectory;
    if (t.type === 'points') increasing(['pools', id, 'wallet', 'trajectory', 'points'], t.points);
  }

  // journeys: stages, transitions, touchpoints
  const touchpoints = new Map<string, { controllable: boolean; where: PathSegment[] }>();
  for (const [jid, journey] of Object.entries(scenario.journeys)) {
    const stageIds = Object.keys(journey.stages);
    if (stageIds.length === 0) add(['journeys', jid, 'stages'], 'expected at least one stage, found none', 'key');
    if (journey.initialStage !== undefined) ref(['journeys', jid, 'initialStage'], `a stage of journey "${jid}"`, stageIds, journey.initialStage);
    for (const [sid, stage] of Object.entries(journey.stages)) {
      const base: PathSegment[] = ['journeys', jid, 'stages', sid];
      if (sid === 'exit') add(base, 'expected a stage id other than "exit" (it names leaving the journey in `next`), found "exit"', 'key');
      if (stage.next) {
        for (const target of Object.keys(stage.next)) {
          if (target !== 'exit') ref([...base, 'next', target], `a stage of journey "${jid}" or "exit"`, stageIds, target, 'key');
        }
        const values = Object.values(stage.next);
        // Rows with uncertain entries cannot sum to exactly 1 in every replication; only plain rows are checked.
        if (values.length > 0 && values.every((v) => typeof v === 'number')) {
          const sum = (values as number[]).reduce((a, b) => a + b, 0);
          if (Math.abs(sum - 1) > SUM_TOLERANCE) {
            add([...base, 'next'], `expected transition probabilities summing to 1 (list the stage itself to stay, "exit" to leave), found ${round(sum)}`);
          }
        }
      }
      for (const [tid, tp] of Object.entries(stage.touchpoints)) {
        const where: PathSegment[] = [...base, 'touchpoints', tid];
        const first = touchpoints.get(tid);
        if (first) add(where, `expected a touchpoint id unique across all journeys, found "${tid}" again (first at ${formatPath(first.where)})`, 'key');
        else touchpoints.set(tid, { controllable: tp.controllable, where });
        if (tp.pool !== undefined) ref([...where, 'pool'], 'a pool id', poolIds, tp.pool);
        if (lower(tp.floor) > upper(tp.friction)) {
          add([...where, 'floor'], `expected a floor at most the friction (${upper(tp.friction)}), found ${lower(tp.floor)}`);
        }
      }
    }
  }
  const touchpointIds = [...touchpoints.keys()];

  // segments
  for (const [id, seg] of Object.entries(scenario.segments)) {
    for (const pool of Object.keys(seg.wallet)) ref(['segments', id, 'wallet', pool], 'a pool id', poolIds, pool, 'key');
    for (const pool of Object.keys(seg.adoption)) {
      if (!poolIds.includes(pool)) ref(['segments', id, 'adoption', pool], 'an emerging pool id', emergingPools, pool, 'key');
      else if (scenario.pools[pool].kind !== 'emerging') {
        add(['segments', id, 'adoption', pool], `expected an emerging pool id${emergingPools.length ? ` (${listIds(emergingPools)})` : ''}, found "${pool}" (a current pool: customers start in it, nobody adopts it)`, 'key');
      }
    }
    if (seg.journey !== undefined) ref(['segments', id, 'journey'], 'a journey id', journeyIds, seg.journey);
  }

  // competitors
  for (const [id, comp] of Object.entries(scenario.competitors)) {
    for (const [pool, level] of Object.entries(comp.experience)) {
      ref(['competitors', id, 'experience', pool], 'a pool id', poolIds, pool, 'key');
      if (typeof level === 'object' && 'points' in level) increasing(['competitors', id, 'experience', pool, 'points'], level.points);
    }
  }

  // portfolios
  for (const [id, pf] of Object.entries(scenario.portfolios)) {
    const r = pf.rule;
    if (r && r.min !== undefined && r.max !== undefined && !(r.max > r.min)) add(['portfolios', id, 'rule', 'max'], `expected a max above min (${r.min}), found ${r.max}`);
  }

  // levers: targets by kind
  for (const [id, lever] of Object.entries(scenario.levers)) {
    const need = LEVER_TARGETS[lever.kind];
    const path: PathSegment[] = ['levers', id, 'targets'];
    if (need === 'firm') {
      if (lever.targets.length > 0) add(path, `expected no targets (${lever.kind} levers act on the whole firm), found ${JSON.stringify(lever.targets)}`);
      continue;
    }
    // acquisition and portfolio-treatment levers without targets act on every segment or portfolio;
    // the others would spend money to no effect
    if (lever.targets.length === 0 && (need === 'controllableTouchpoint' || need === 'externalTouchpoint' || need === 'pool')) {
      const what = need === 'pool' ? 'pool' : need === 'controllableTouchpoint' ? 'controllable touchpoint' : 'external touchpoint';
      add(path, `expected at least one ${what} to act on (a ${lever.kind} lever without targets has no effect), found none`, 'key');
    }
    lever.targets.forEach((t, i) => {
      const p = [...path, i];
      if (need === 'pool') ref(p, 'a pool id', poolIds, t);
      else if (need === 'segment') ref(p, 'a segment id', segmentIds, t);
      else if (need === 'portfolio') ref(p, 'a portfolio id', portfolioIds, t);
      else {
        const wantControllable = need === 'controllableTouchpoint';
        const tp = touchpoints.get(t);
        const fitting = touchpointIds.filter((x) => touchpoints.get(x)!.controllable === wantControllable);
        const what = wantControllable ? 'a controllable touchpoint id' : 'an external touchpoint id (controllable: false)';
        if (!tp) ref(p, what, fitting, t);
        else if (tp.controllable !== wantControllable) {
          add(
            p,
            wantControllable
              ? `expected ${what}, found "${t}", an external pain point (controllable: false) that friction levers cannot reduce; use a mitigation lever`
              : `expected ${what}, found "${t}", a controllable touchpoint; use a friction lever`,
          );
        }
      }
    });
  }

  // strategies
  const baselines = Object.entries(scenario.strategies).filter(([, s]) => s.baseline).map(([id]) => id);
  if (Object.keys(scenario.strategies).length === 0) add(['strategies'], 'expected at least one strategy, one of them with baseline: true, found none', 'key');
  else if (baselines.length === 0) add(['strategies'], 'expected exactly one strategy with baseline: true, found none', 'key');
  else if (baselines.length > 1) {
    for (const id of baselines.slice(1)) {
      add(['strategies', id, 'baseline'], `expected exactly one baseline strategy, found ${baselines.length} (${baselines.map((b) => `"${b}"`).join(', ')})`);
    }
  }
  for (const [id, st] of Object.entries(scenario.strategies)) {
    const base: PathSegment[] = ['strategies', id];
    const alloc = st.budget.allocation;
    for (const lever of Object.keys(alloc)) ref([...base, 'budget', 'allocation', lever], 'a lever id', leverIds, lever, 'key');
    const total = Object.values(alloc).reduce<number>((a, p) => a + upper(p), 0);
    if (total > 1 + SUM_TOLERANCE) {
      const uncertain = Object.values(alloc).some((p) => typeof p !== 'number');
      add([...base, 'budget', 'allocation'], `expected shares summing to at most 1, found ${uncertain ? 'up to ' : ''}${round(total)}`);
    }
    for (const [lever, points] of Object.entries(st.schedules)) {
      ref([...base, 'schedules', lever], 'a lever id', leverIds, lever, 'key');
      const share = Object.hasOwn(alloc, lever) ? alloc[lever] : undefined;
      if (share !== undefined && (typeof share !== 'number' || share > 0)) {
        add([...base, 'budget', 'allocation', lever], `expected no allocation share for "${lever}", which has a schedule in this strategy (the schedule replaces its share, which would go unspent), found ${typeof share === 'number' ? share : 'a distribution'}`, 'key');
      }
      increasing([...base, 'schedules', lever], points);
    }
    st.rules.forEach((rule, i) => {
      const rp: PathSegment[] = [...base, 'rules', i];
      ref([...rp, 'move', 'from'], 'a lever id', leverIds, rule.move.from);
      ref([...rp, 'move', 'to'], 'a lever id', leverIds, rule.move.to);
      if (rule.move.from === rule.move.to) add([...rp, 'move', 'to'], `expected a lever other than move.from, found "${rule.move.to}" for both`);
      for (const end of ['from', 'to'] as const) {
        if (Object.hasOwn(st.schedules, rule.move[end])) add([...rp, 'move', end], `expected a lever funded by the budget allocation, found "${rule.move[end]}", which has a schedule in this strategy (scheduled spend is fixed; a rule cannot move budget ${end === 'from' ? 'out of' : 'into'} it)`);
      }
      if (rule.when.above === undefined && rule.when.below === undefined) add([...rp, 'when'], 'expected a threshold (above or below), found neither');
      const problem = indicatorProblem(rule.when.indicator, poolIds);
      if (problem) add([...rp, 'when', 'indicator'], problem);
    });
  }

  // stresses
  for (const [id, stress] of Object.entries(scenario.stresses)) {
    stress.shocks.forEach((shock, i) => {
      const sp: PathSegment[] = ['stresses', id, 'shocks', i];
      if (shock.kind === 'poolCollapse' || shock.kind === 'competitorLeap') ref([...sp, 'pool'], 'a pool id', poolIds, shock.pool);
      if ('fromMonth' in shock && shock.toMonth !== undefined && !(shock.toMonth > shock.fromMonth)) {
        add([...sp, 'toMonth'], `expected a month after fromMonth (${shock.fromMonth}), found ${shock.toMonth}`);
      }
    });
  }

  // memory
  if (options.memory) {
    const m = options.memory;
    const est = estimateMemory(scenario, m.threads);
    const budget = m.totalBytes * MEMORY_SHARE;
    if (est.bytes > budget) {
      const scale = niceCeiling((scenario.meta.agentScale * est.bytes) / budget);
      add(
        ['meta', 'agentScale'],
        `expected a run needing at most ${Math.round(MEMORY_SHARE * 100)}% of this machine's ${formatBytes(m.totalBytes)}, ` +
          `found about ${formatBytes(est.bytes)} (${est.customers.toLocaleString('en-US')} simulated customers × ${BYTES_PER_CUSTOMER} B × ` +
          `${est.threads} thread${est.threads === 1 ? '' : 's'}); set meta.agentScale to ${scale} or more`,
      );
    }
  }

  out.push(...valuationFindings(scenario));

  // strategy overrides: the scenario each strategy sees must be valid too
  const own = new Set(out.map((f) => `${formatPath(f.path)}\u0000${f.message}`));
  for (const [id, st] of Object.entries(scenario.strategies)) {
    if (Object.keys(st.overrides).length === 0) continue;
    const prefix: PathSegment[] = ['strategies', id, 'overrides'];
    const merged = deepMerge(scenario, st.overrides);
    const parsed = validateWithSchema(Scenario, merged);
    const found = parsed.success ? crossrefWithoutOverrides(parsed.data, options) : parsed.findings;
    for (const f of found) {
      if (parsed.success && own.has(`${formatPath(f.path)}\u0000${f.message}`)) continue;
      out.push({ ...f, path: [...prefix, ...f.path] });
    }
  }
  return out;
}

/** The checks for the scenario one strategy sees: overrides are not followed again. */
function crossrefWithoutOverrides(scenario: Scenario, options: CrossrefOptions): Finding[] {
  const strategies = Object.fromEntries(Object.entries(scenario.strategies).map(([k, s]) => [k, { ...s, overrides: {} }]));
  return crossref({ ...scenario, strategies }, options);
}

/** Why an indicator name is not one a rule can watch, or undefined when it is. */
function indicatorProblem(indicator: string, poolIds: string[]): string | undefined {
  const dot = indicator.indexOf('.');
  const head = dot < 0 ? indicator : indicator.slice(0, dot);
  const tail = dot < 0 ? undefined : indicator.slice(dot + 1);
  if (POOL_INDICATORS.includes(head)) {
    if (tail === undefined) return `expected a pool id after "${head}." (e.g. ${head}.${poolIds[0] ?? '<pool>'}), found "${indicator}"`;
    const m = unknownId(`a pool id after "${head}."`, poolIds, tail);
    return m;
  }
  if (FIRM_INDICATORS.includes(head) && tail === undefined) return undefined;
  const all = [...FIRM_INDICATORS, ...POOL_INDICATORS.flatMap((h) => poolIds.map((p) => `${h}.${p}`))];
  return `expected a leading indicator (${INDICATOR_HELP}), found "${indicator}"${didYouMean(indicator, all)}`;
}
