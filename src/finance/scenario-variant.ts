/**
 * A scenario changed by a finance tool (a swept or swung parameter, an optimiser's budget
 * allocation) is checked again with the schema and the cross-reference checks, so a value out
 * of range is one clear message naming the parameter instead of a wrong simulation.
 */
import { Scenario, type StressShock } from '../scenario/schema.ts';
import { crossref } from '../scenario/crossref.ts';
import { formatPath, validateWithSchema } from '../scenario/errors.ts';

export type VariantCheck = { ok: true; scenario: Scenario } | { ok: false; problems: string[] };

/** Validates and normalises a changed scenario; problems read `path  expected ..., found ...`. */
export function checkVariant(data: unknown): VariantCheck {
  const parsed = validateWithSchema(Scenario, data);
  if (!parsed.success) return { ok: false, problems: parsed.findings.map((f) => `${formatPath(f.path)}  ${f.message}`) };
  const findings = crossref(parsed.data);
  if (findings.length > 0) return { ok: false, problems: findings.map((f) => `${formatPath(f.path)}  ${f.message}`) };
  return { ok: true, scenario: parsed.data };
}

/**
 * Problems of ad-hoc shocks (`cxsim stress --shock`): they are checked as a named stress of the
 * scenario would be, so the bounds that keep every accepted scenario finite (src/scenario/bounds.ts)
 * hold for them too. Empty when they are acceptable.
 */
export function adhocShockProblems(scenario: Scenario, shocks: StressShock[]): string[] {
  const id = 'adhoc';
  const check = checkVariant({ ...scenario, stresses: { ...scenario.stresses, [id]: { description: '', shocks } } });
  if (check.ok) return [];
  const prefix = `stresses.${id}.`;
  return check.problems.filter((p) => p.startsWith(prefix) || !p.startsWith('stresses.')).map((p) => (p.startsWith(prefix) ? p.slice(prefix.length) : p));
}

/**
 * Problems of a yearly budget an optimiser spends through strategy `template` (`cxsim optimise
 * --budget`, at its largest: the marginal step on top): checked as the same budget in the
 * scenario file would be, so the bounds on lever spend (src/scenario/bounds.ts) hold for it too.
 */
export function budgetProblems(scenario: Scenario, template: string, perYear: number): string[] {
  const st = scenario.strategies[template];
  const check = checkVariant({ ...scenario, strategies: { ...scenario.strategies, [template]: { ...st, budget: { ...st.budget, perYear } } } });
  return check.ok ? [] : check.problems;
}
