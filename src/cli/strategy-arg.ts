/**
 * Strategy arguments (`--strategy`, `--strategies`, `--compare`): ids, as shown next to each
 * name in the tables and reports. A display name is accepted too — with a note on stderr
 * naming the id to use — because the name is what a reader sees first.
 */
import type { Scenario } from '../scenario/schema.ts';
import { UserError } from './io.ts';

const norm = (s: string) => s.trim().toLowerCase().replace(/\s+/g, ' ');

/** "design-for-future (Design for the future)", for messages. */
export function strategyChoices(scenario: Scenario): string {
  return Object.entries(scenario.strategies)
    .map(([id, s]) => (s.name && s.name !== id ? `${id} ("${s.name}")` : id))
    .join(', ');
}

/**
 * The id of the strategy `given` names: an id as is; a display name (case and spacing
 * ignored) becomes its id, with a note on `warn`; anything else is a UserError listing ids
 * and names.
 */
export function strategyId(scenario: Scenario, given: string, flag = '--strategy', warn: (line: string) => void = (l) => void process.stderr.write(l)): string {
  const ids = Object.keys(scenario.strategies);
  if (ids.includes(given)) return given;
  const byName = ids.filter((id) => {
    const name = scenario.strategies[id].name;
    return name !== undefined && norm(name) === norm(given);
  });
  if (byName.length === 1) {
    warn(`note: ${flag} "${given}" is the name of strategy ${byName[0]}; using it (next time write ${flag} ${byName[0]})\n`);
    return byName[0];
  }
  const caseOnly = ids.filter((id) => id.toLowerCase() === given.trim().toLowerCase());
  const hint = caseOnly.length === 1 ? ` (did you mean ${caseOnly[0]}?)` : '';
  throw new UserError(`${flag}: unknown strategy "${given}"${hint}; the scenario has ${strategyChoices(scenario)} — give the id (the name in quotes also works)`);
}

/** The strategies a comma-separated list names, as ids, without duplicates, in the order given. */
export function strategyIds(scenario: Scenario, list: string, flag: string): string[] {
  const given = list.split(',').map((s) => s.trim()).filter(Boolean);
  return [...new Set(given.map((g) => strategyId(scenario, g, flag)))];
}
