/**
 * Which parameters a sensitivity analysis swings: every uncertain parameter acting on the
 * strategy, plus those declared on the command line as `--param path=low:high`. Pure; every
 * problem is one message naming the flag.
 */
import type { Scenario } from '../scenario/schema.ts';
import { isDistribution } from '../model/uncertainty.ts';
import { parameterQuantile } from './parameter-quantile.ts';
import { parseAmount } from './amount.ts';
import { parametersOf, fixParameters } from './fixed-parameters.ts';
import { distributionFactor, type Factor } from './sensitivity.ts';
import { existingPrefix, getAtPath } from './scenario-path.ts';
import { checkVariant } from './scenario-variant.ts';

export interface DeclaredRange {
  text: string;
  path: string;
  low: number;
  high: number;
}

/** `pools.film.marginRate=0.3:0.5` → path, low, high. */
export function parseRangeParam(text: string): DeclaredRange | string {
  const eq = text.indexOf('=');
  const path = eq < 0 ? '' : text.slice(0, eq).trim();
  const range = eq < 0 ? '' : text.slice(eq + 1).trim();
  const parts = range.split(':');
  const lo = parts.length === 2 ? parseAmount(parts[0]) : null;
  const hi = parts.length === 2 ? parseAmount(parts[1]) : null;
  if (path === '' || lo === null || hi === null) return `--param "${text}": expected PATH=LOW:HIGH (e.g. pools.digital.bass.q=0.3:0.6), found ${eq < 0 ? 'no "="' : `"${range}"`}`;
  if (!(hi > lo)) return `--param "${text}": expected LOW below HIGH, found ${lo}:${hi}`;
  return { text, path, low: lo, high: hi };
}

/** Describes what is at a path that is not a parameter. */
function notAParameter(view: Scenario, d: DeclaredRange): string {
  const v = getAtPath(view, d.path);
  if (v === undefined) {
    const prefix = existingPrefix(view, d.path);
    const at = prefix === '' ? view : getAtPath(view, prefix);
    const keys = typeof at === 'object' && at !== null ? Object.keys(at) : [];
    return `--param "${d.text}": the scenario has no ${d.path}${keys.length ? `; ${prefix || 'the top level'} has ${keys.slice(0, 12).join(', ')}${keys.length > 12 ? ', …' : ''}` : ''}`;
  }
  const found = Array.isArray(v) ? 'a list' : typeof v === 'object' ? 'a map' : `${typeof v} ${JSON.stringify(v)}`;
  return `--param "${d.text}": expected a number or a distribution at ${d.path}, found ${found}`;
}

export function buildFactors(view: Scenario, strategy: string, declared: DeclaredRange[], quantiles: [number, number]): { ok: true; factors: Factor[] } | { ok: false; message: string } {
  const factors: Factor[] = parametersOf(view, strategy).map((p) => distributionFactor(p.path, p.dist, quantiles));
  for (const d of declared) {
    const v = getAtPath(view, d.path);
    if (typeof v !== 'number' && !isDistribution(v)) return { ok: false, message: notAParameter(view, d) };
    const centre = typeof v === 'number' ? v : parameterQuantile(v, 0.5);
    const f: Factor = { path: d.path, source: 'declared', low: d.low, high: d.high, centre };
    // both ends must give a valid scenario (bounds of the parameter, sums of allocations, …)
    for (const x of [d.low, d.high]) {
      const check = checkVariant(fixParameters(view, { [d.path]: x }));
      if (!check.ok) return { ok: false, message: `--param "${d.text}": ${check.problems[0]}` };
    }
    const at = factors.findIndex((g) => g.path === d.path);
    if (at >= 0) factors[at] = f;
    else factors.push(f);
  }
  return { ok: true, factors };
}
