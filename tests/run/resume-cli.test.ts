/**
 * Resuming an interrupted compare or stress (issue 15): the command streams each replication to
 * its result spool beside --out; a run SIGKILLed after k replications and run again with the
 * same arguments reuses those k (and says so), simulates only the rest, writes output folders
 * byte-identical to an uninterrupted run, and removes its spool. Child processes (the kill is
 * real: CXSIM_TEST_KILL_AFTER_REPLICATIONS makes the process SIGKILL itself once k
 * replications are on disk).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const SMALL = join(process.cwd(), 'tests/fixtures/compare/small.yaml');
const CLI = join(process.cwd(), 'bin/cxsim.js');
const tmp = mkdtempSync(join(tmpdir(), 'cxsim-resume-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function cli(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; signal: string | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [CLI, ...args], { cwd: tmp, env: { ...process.env, CI: '1', ...env }, maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
      const e = err as (Error & { code?: number; signal?: string }) | null;
      resolve({ code: e ? (typeof e.code === 'number' ? e.code : null) : 0, signal: e?.signal ?? null, stdout, stderr });
    });
  });
}

function files(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of readdirSync(dir)) out[e] = readFileSync(join(dir, e), 'utf8');
  return out;
}

describe.each([
  // 2 strategies × 6 replications, attribution (coalition runs without series) included
  { command: 'compare', args: ['--replications', '6', '--attribution-replications', '2', '--strategies', 'today,future', '--threads', '1'], total: 12, killAfter: 5 },
  // 2 strategies × (unstressed + an ad-hoc shock) × 4 replications, on two threads
  { command: 'stress', args: ['--replications', '4', '--shock', 'budget:-50%@6', '--strategies', 'today,future', '--threads', '2'], total: 16, killAfter: 7 },
])('$command, killed and run again', ({ command, args, total, killAfter }) => {
  it(
    'reuses the replications already done, says how many, and writes the same files as an uninterrupted run',
    async () => {
      const whole = await cli([command, SMALL, ...args, '--out', `${command}-whole`, '--format', 'csv']);
      expect(whole.code).toBe(0);
      expect(existsSync(join(tmp, `.${command}-whole.cxsim-spool`))).toBe(false);

      const killed = await cli([command, SMALL, ...args, '--out', `${command}-resumed`, '--format', 'csv'], { CXSIM_TEST_KILL_AFTER_REPLICATIONS: String(killAfter) });
      expect(killed.signal).toBe('SIGKILL');
      expect(existsSync(join(tmp, `${command}-resumed`))).toBe(false);
      expect(existsSync(join(tmp, `.${command}-resumed.cxsim-spool`))).toBe(true);

      const resumed = await cli([command, SMALL, ...args, '--out', `${command}-resumed`, '--format', 'csv']);
      expect(resumed.code).toBe(0);
      // compare's one run holds the main runs and the attribution's coalition runs: more than `total`
      const said = /resuming: (\d+) of (\d+) replications already done/.exec(resumed.stderr);
      expect(said?.[1]).toBe(String(killAfter));
      if (command === 'stress') expect(said?.[2]).toBe(String(total));
      else expect(Number(said?.[2])).toBeGreaterThan(total);
      expect(resumed.stdout).toBe(whole.stdout);
      const a = files(join(tmp, `${command}-whole`));
      const b = files(join(tmp, `${command}-resumed`));
      // the command line printed in reports names --out
      const same = (x: Record<string, string>, from: string) => Object.fromEntries(Object.entries(x).map(([k, v]) => [k, v.replaceAll(from, 'OUT')]));
      expect(same(b, `${command}-resumed`)).toEqual(same(a, `${command}-whole`));
      expect(existsSync(join(tmp, `.${command}-resumed.cxsim-spool`))).toBe(false);
    },
    240_000,
  );
});
