/**
 * Strategy arguments: ids as shown in the tables; a display name is accepted with a note
 * naming the id; anything else is one clear error listing ids with their names.
 */
import { describe, expect, test } from 'vitest';
import { readScenario } from '../src/cli/scenario-file.ts';
import { strategyId, strategyIds } from '../src/cli/strategy-arg.ts';
import { UserError } from '../src/cli/io.ts';

const scenario = readScenario('scenarios/workshop-101.yaml');

describe('strategy arguments', () => {
  test('an id is taken as is, silently', () => {
    const notes: string[] = [];
    expect(strategyId(scenario, 'build-online', '--strategy', (l) => notes.push(l))).toBe('build-online');
    expect(notes).toEqual([]);
  });

  test('a display name (any case and spacing) becomes its id, with a note saying what to write', () => {
    const notes: string[] = [];
    expect(strategyId(scenario, 'Build online', '--strategy', (l) => notes.push(l))).toBe('build-online');
    expect(strategyId(scenario, '  build   ONLINE ', '--strategy', (l) => notes.push(l))).toBe('build-online');
    expect(notes[0]).toBe('note: --strategy "Build online" is the name of strategy build-online; using it (next time write --strategy build-online)\n');
  });

  test('an unknown strategy is a UserError listing ids and names', () => {
    expect(() => strategyId(scenario, 'Build offline', '--strategy', () => {})).toThrow(UserError);
    expect(() => strategyId(scenario, 'Build offline', '--strategy', () => {})).toThrow(
      '--strategy: unknown strategy "Build offline"; the scenario has fix-the-counter ("Fix the counter"), build-online ("Build online") — give the id (the name in quotes also works)',
    );
    expect(() => strategyId(scenario, 'constructor', '--strategy', () => {})).toThrow(/unknown strategy "constructor"/);
  });

  test('a comma-separated list maps names to ids, without duplicates', () => {
    expect(strategyIds(scenario, 'Build online, fix-the-counter,build-online', '--strategies')).toEqual(['build-online', 'fix-the-counter']);
  });
});
