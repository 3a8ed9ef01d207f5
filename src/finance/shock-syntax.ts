/**
 * Ad-hoc stresses from the command line (`cxsim stress --shock ...`): a short text per shock,
 * parsed to the scenario's StressShock objects. One `--shock` is one stress column; several
 * shocks joined with ";" in one `--shock` act together.
 *
 *   budget:-30%@24              budget cut by 30% from month 24 on        → budgetCut
 *   budget:-100%@12-36          no CX budget from month 12 to 36 (36 excluded)
 *   pool:film*0.5@36            film pool's wallet index × 0.5 from month 36 → poolCollapse
 *   competitor:digital+0.2@24   competitors' digital experience + 0.2 from month 24 → competitorLeap
 *   recession:0.85@12-36        every wallet × 0.85 from month 12 to 36   → recession (open-ended: @12)
 *   attrition:customers*2@12-18 customer churn hazard × 2 for months 12–17 → attritionSpike
 *   attrition:employees*1.5@6-18  employee turnover × 1.5
 *
 * Months count from 0 (the first month); a range FROM-TO includes FROM and excludes TO, like
 * the scenario's own `fromMonth`/`toMonth`. Pure: pool ids are checked against a list given by
 * the caller.
 */
import { ID_PATTERN, type StressShock } from '../scenario/schema.ts';
import { didYouMean } from '../scenario/suggest.ts';
import { parseNumber } from './amount.ts';

export const SHOCK_FORMS = [
  'budget:-30%@24',
  'pool:film*0.5@36',
  'competitor:digital+0.2@24',
  'recession:0.85@12-36',
  'attrition:customers*2@12-18',
] as const;

export const SHOCK_HELP =
  'Ad-hoc shock KIND:CHANGE@MONTH or @FROM-TO (months from 0; TO excluded): ' +
  'budget:-30%@24 (cut every lever\'s spend by 30% from month 24; budget:-100%@0 = no budget), ' +
  'pool:film*0.5@36 (a pool\'s wallet × 0.5 from month 36), ' +
  'competitor:digital+0.2@24 (competitors\' experience in a pool + 0.2), ' +
  'recession:0.85@12-36 (every wallet × 0.85 for months 12–35), ' +
  'attrition:customers*2@12-18 (churn × 2; or employees*M for staff turnover). ' +
  'Join shocks with ";" to apply them together; repeat --shock for more stress columns.';

const KINDS = ['budget', 'pool', 'competitor', 'recession', 'attrition'] as const;
type Kind = (typeof KINDS)[number];

export type ShockParse = { ok: true; shocks: StressShock[] } | { ok: false; message: string };

interface When {
  from: number;
  to?: number;
}

class ShockError extends Error {}

function fail(message: string): never {
  throw new ShockError(message);
}

const quote = (s: string) => JSON.stringify(s);

function parseWhen(text: string | undefined): When {
  if (text === undefined) fail('expected "@MONTH" or "@FROM-TO" after the change, found none');
  const t = text.trim();
  const range = /^([^-]+)-(.+)$/.exec(t);
  const month = (s: string) => {
    const x = parseNumber(s);
    if (x === null || x < 0) fail(`expected a month (a number ≥ 0) or a range FROM-TO after "@", found ${quote(t)}`);
    return x;
  };
  if (!range) return { from: month(t) };
  const from = month(range[1]);
  const to = month(range[2]);
  if (!(to > from)) fail(`expected a range FROM-TO with TO after FROM, found ${quote(t)}`);
  return { from, to };
}

/** "digital-natives+0.2" → ["digital-natives", 0.2]: the last "+" or "−" whose remainder is a number and whose prefix is an id. */
function splitSigned(body: string): [string, number] | null {
  for (let i = body.length - 1; i > 0; i--) {
    if (body[i] !== '+' && body[i] !== '-') continue;
    const x = parseNumber(body.slice(i));
    const id = body.slice(0, i).trim();
    if (x !== null && ID_PATTERN.test(id)) return [id, x];
  }
  return null;
}

function parseOne(text: string, pools: readonly string[] | undefined): StressShock {
  const t = text.trim();
  if (t === '') fail(`expected a shock like ${SHOCK_FORMS[0]}, found nothing`);
  const colon = t.indexOf(':');
  const kind = (colon < 0 ? t : t.slice(0, colon)).trim();
  if (colon < 0 || !(KINDS as readonly string[]).includes(kind)) {
    fail(`expected a shock kind budget, pool, competitor, recession or attrition before ":", found ${quote(kind)}${colon < 0 ? ' and no ":"' : didYouMean(kind, KINDS)}`);
  }
  const rest = t.slice(colon + 1);
  const at = rest.lastIndexOf('@');
  const body = (at < 0 ? rest : rest.slice(0, at)).trim();
  const whenText = at < 0 ? undefined : rest.slice(at + 1);
  const checkPool = (id: string) => {
    if (pools && !pools.includes(id)) fail(`unknown pool ${quote(id)}${didYouMean(id, pools)}; the scenario has ${pools.join(', ')}`);
  };
  const single = (when: When, what: string): number => {
    if (when.to !== undefined) fail(`expected a single month after "@" for ${what} (it lasts to the horizon), found ${quote(whenText!.trim())}`);
    return when.from;
  };
  switch (kind as Kind) {
    case 'budget': {
      const m = /^-\s*([^%]+)%$/.exec(body);
      const p = m ? parseNumber(m[1]) : null;
      if (p === null) fail(`expected a cut like -30% after "budget:", found ${quote(body)}`);
      if (p < 0 || p > 100) fail(`expected a cut from -0% to -100%, found ${quote(body)}`);
      const when = parseWhen(whenText);
      return { kind: 'budgetCut', fromMonth: when.from, ...(when.to !== undefined ? { toMonth: when.to } : {}), cut: p / 100 };
    }
    case 'pool': {
      const m = /^([^*]+)\*(.+)$/.exec(body);
      const f = m ? parseNumber(m[2]) : null;
      if (!m || f === null) fail(`expected POOL*FACTOR after "pool:" (e.g. pool:film*0.5), found ${quote(body)}`);
      if (f < 0) fail(`expected a factor ≥ 0 after "*", found ${quote(m[2].trim())}`);
      const pool = m[1].trim();
      checkPool(pool);
      return { kind: 'poolCollapse', pool, month: single(parseWhen(whenText), 'a pool collapse'), factor: f };
    }
    case 'competitor': {
      const m = splitSigned(body);
      if (!m) fail(`expected POOL+INCREASE after "competitor:" (e.g. competitor:digital+0.2), found ${quote(body)}`);
      const [pool, x] = m;
      checkPool(pool);
      return { kind: 'competitorLeap', pool, month: single(parseWhen(whenText), 'a competitor leap'), increase: x };
    }
    case 'recession': {
      const f = parseNumber(body.replace(/^\*/, ''));
      if (f === null) fail(`expected a wallet factor like 0.85 after "recession:", found ${quote(body)}`);
      if (f < 0) fail(`expected a wallet factor ≥ 0, found ${quote(body)}`);
      const when = parseWhen(whenText);
      return { kind: 'recession', fromMonth: when.from, ...(when.to !== undefined ? { toMonth: when.to } : {}), walletFactor: f };
    }
    case 'attrition': {
      const m = /^(customers|employees)\*(.+)$/.exec(body);
      const x = m ? parseNumber(m[2]) : null;
      if (!m || x === null) fail(`expected customers*MULTIPLIER or employees*MULTIPLIER after "attrition:", found ${quote(body)}`);
      if (x < 0) fail(`expected a multiplier ≥ 0 after "*", found ${quote(m[2].trim())}`);
      const when = parseWhen(whenText);
      if (when.to === undefined) fail(`expected a month range FROM-TO after "@" for an attrition spike, found ${quote(whenText!.trim())}`);
      return { kind: 'attritionSpike', target: m[1] as 'customers' | 'employees', fromMonth: when.from, toMonth: when.to, multiplier: x };
    }
  }
}

/**
 * Parses one `--shock` value: one or more shocks joined with ";". Every message starts with
 * `--shock "TEXT": ` so the user sees which flag was wrong.
 */
export function parseShocks(text: string, pools?: readonly string[], horizonMonths?: number): ShockParse {
  try {
    const parts = text.split(';');
    if (parts.length > 1 && parts[parts.length - 1].trim() === '') parts.pop(); // a trailing ";" is harmless
    const shocks = parts.map((p) => parseOne(p, pools));
    if (horizonMonths !== undefined) {
      // a shock that starts after the simulation ends would silently change nothing
      for (const s of shocks) {
        const start = 'month' in s ? s.month : s.fromMonth;
        if (start >= horizonMonths) fail(`expected a month before the end of the horizon (${horizonMonths} months), found ${start}`);
      }
    }
    return { ok: true, shocks };
  } catch (e) {
    if (e instanceof ShockError) return { ok: false, message: `--shock ${quote(text)}: ${e.message}` };
    throw e;
  }
}
