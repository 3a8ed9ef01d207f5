/**
 * Issue 10, items 3 and 4: `extends:` reads only regular scenario files inside the folder tree
 * of the scenario that names it (or an --allow-outside folder), never blocks on a FIFO or a
 * device, never echoes another file's content; validation of hostile input stays cheap (size
 * limits with one clear message each, suggestions only for short words, no spread of long
 * lists).
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { loadScenario, setAllowOutside } from '../../src/cli/scenario-file.ts';
import { main } from '../../src/cli/main.ts';
import { parseScenarioText } from '../../src/scenario/load.ts';
import { formatProblem } from '../../src/scenario/errors.ts';
import { MAX_SUGGEST_CHARS, nearest } from '../../src/scenario/suggest.ts';
import { MAX_LIST_ITEMS, MAX_SCENARIO_BYTES } from '../../src/scenario/limits.ts';

const MINIMAL = {
  meta: { name: 'x' },
  pools: { core: { marginRate: 0.3 } },
  segments: { everyone: { initialCustomers: 100, churn: { annualRate: 0.2 } } },
  journeys: { life: { stages: { use: {} } } },
  strategies: { nothing: { baseline: true } },
};

let dir: string;
let project: string;
const messages = (path: string) => {
  const r = loadScenario(path, { threads: 1 });
  return r.ok ? [] : r.problems.map(formatProblem);
};
const child = (name: string, ref: string) => {
  const file = join(project, name);
  writeFileSync(file, `extends: ${JSON.stringify(ref)}\nmeta: { name: child }\n`);
  return file;
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cxsim-hostile-'));
  project = join(dir, 'project');
  mkdirSync(join(project, 'parts'), { recursive: true });
  writeFileSync(join(project, 'parts', 'base.yaml'), stringify(MINIMAL));
  writeFileSync(join(dir, 'outside.yaml'), stringify(MINIMAL));
  writeFileSync(join(dir, 'secret.yaml'), 'root:*:19000:0:99999:7:::\ndaemon:*:19000:0:99999:7:::\n');
  writeFileSync(join(project, 'notes.txt'), 'password: hunter2\n');
  execFileSync('mkfifo', [join(project, 'pipe.yaml')]);
});
afterAll(() => {
  setAllowOutside(undefined);
  rmSync(dir, { recursive: true, force: true });
});

describe('extends is confined to the scenario folder tree', () => {
  it('a parent in a subfolder is followed', () => {
    expect(messages(child('ok.yaml', 'parts/base.yaml'))).toEqual([]);
  });

  it('../ traversal and absolute paths outside are refused without reading them', () => {
    for (const ref of ['../secret.yaml', join(dir, 'secret.yaml'), '../outside.yaml']) {
      const found = messages(child('out.yaml', ref));
      expect(found).toHaveLength(1);
      expect(found[0]).toMatch(/extends {2}cannot read .*: it is outside the folder of .*--allow-outside/);
      expect(found[0]).not.toMatch(/root|daemon|19000/);
    }
  });

  it('system files are refused by type and name, their content never echoed', () => {
    for (const ref of ['/etc/shadow', '/etc/passwd', '/proc/self/environ', 'notes.txt']) {
      const found = messages(child('sys.yaml', ref));
      expect(found).toHaveLength(1);
      expect(found[0]).toMatch(/expected a scenario file \(\.yaml, \.yml or \.json\) to extend/);
      expect(found[0]).not.toMatch(/root:|hunter2|PATH=/);
    }
  });

  it('/dev/zero and a FIFO are refused at once, without blocking or reading', () => {
    setAllowOutside(['/dev']);
    // No clock: a FIFO read would block (the test would time out) and /dev/zero would be read without end; the
    // messages say each was refused by its type, before any read.
    try {
      expect(messages(child('zero.yaml', '/dev/zero.yaml'))[0]).toMatch(/cannot read .*(no such file|not a regular file)/);
      expect(messages(child('fifo.yaml', 'pipe.yaml'))[0]).toMatch(/cannot read .*pipe\.yaml: it is not a regular file \(a device, FIFO or socket\)/);
      // named directly (the top file is not extension-checked): refused by type, nothing read
      expect(messages('/dev/zero')[0]).toMatch(/cannot read the file: it is not a regular file/);
      expect(messages(join(project, 'pipe.yaml'))[0]).toMatch(/cannot read the file: it is not a regular file/);
    } finally {
      setAllowOutside(undefined);
    }
  });

  it('--allow-outside FOLDER opens exactly that folder (the CLI option is global)', async () => {
    const file = child('allowed.yaml', '../outside.yaml');
    expect(messages(file)).toHaveLength(1);
    const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    try {
      expect(await main(['validate', file, '--allow-outside', dir])).toBe(0);
      expect(await main(['validate', file])).toBe(2);
    } finally {
      err.mockRestore();
      out.mockRestore();
      process.exitCode = undefined;
      setAllowOutside(undefined);
    }
  });

  it('a parent larger than the size cap is refused from its size', () => {
    writeFileSync(join(project, 'parts', 'huge.yaml'), `# ${'x'.repeat(MAX_SCENARIO_BYTES)}\n`);
    expect(messages(child('huge.yaml', 'parts/huge.yaml'))[0]).toMatch(/cannot read .*huge\.yaml: it is [\d,]+ bytes; a scenario file may have at most 8,388,608 \(8 MiB\)/);
  });
});

describe('validation of hostile input stays cheap', () => {
  // No clock in these tests (issue 17 item 5): each shows the cheap path was taken by what it returns.
  const parse = (input: unknown) => {
    const r = parseScenarioText(typeof input === 'string' ? input : stringify(input), 'h.yaml');
    return { problems: r.ok ? [] : r.problems.map(formatProblem) };
  };

  it('"did you mean" only for short words: a long key gets no edit distance at all', () => {
    expect(nearest('x'.repeat(2_000_000), ['segments', 'strategies'])).toBeUndefined();
    expect(nearest('segmnets', ['segments', 'strategies'])).toBe('segments');
    // one edit apart, but longer than MAX_SUGGEST_CHARS: no suggestion, so no distance was computed
    const long = 'a'.repeat(MAX_SUGGEST_CHARS);
    expect(nearest(`${long}b`, [`${long}c`])).toBeUndefined();
    expect(nearest(`${long.slice(1)}b`, [`${long.slice(1)}c`])).toBe(`${long.slice(1)}c`);
  });

  it('a 2-million-character key is one message, without the key', () => {
    const { problems } = parse({ ...MINIMAL, ['k'.repeat(2_000_000)]: 1 });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^h\.yaml:\d+:\d+ {2}\(top level\)|expected keys of at most 256 characters, found one of 2,000,000/);
    expect(problems[0].length).toBeLessThan(300);
  });

  it('a text longer than 10 000 characters is one message', () => {
    const { problems } = parse({ ...MINIMAL, meta: { name: 'n'.repeat(20_000) } });
    expect(problems).toEqual([expect.stringMatching(/meta\.name {2}expected a text of at most 10,000 characters, found 20,000$/)]);
  });

  it('an empirical distribution of 300 000 values: one message, no stack overflow', () => {
    const values = Array.from({ length: 300_000 }, (_, i) => i / 300_000);
    const { problems } = parse({ ...MINIMAL, pools: { core: { marginRate: { dist: 'empirical', values } } } });
    expect(problems).toEqual([expect.stringMatching(/pools\.core\.marginRate\.values {2}expected a list of at most 100,000 items, found 300,000$/)]);
  });

  it('an empirical distribution at the limit validates (min and max without spreading the list)', () => {
    const values = Array.from({ length: MAX_LIST_ITEMS }, (_, i) => i / MAX_LIST_ITEMS);
    expect(parse({ ...MINIMAL, pools: { core: { marginRate: { dist: 'empirical', values } } } }).problems).toEqual([]);
  });

  it('a text over 8 MiB is refused before parsing', () => {
    // not even valid YAML (an unclosed list): parsed first, it would give a syntax error instead of the size
    const { problems } = parse(`meta: [unclosed\n# ${'y'.repeat(MAX_SCENARIO_BYTES)}\n`);
    expect(problems).toEqual([expect.stringMatching(/^h\.yaml:1:1 {2}expected a scenario of at most 8,388,608 bytes/)]);
    // the same text under the limit is parsed, and fails as YAML
    expect(parse(`meta: [unclosed\n# y\n`).problems[0]).not.toMatch(/at most 8,388,608 bytes/);
  });
});
