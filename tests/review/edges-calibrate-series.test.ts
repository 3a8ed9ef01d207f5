/**
 * Review of `cxsim calibrate` (review-edges): when Gauss's ₂F₁ series does not converge (z within
 * ~3e-5 of 1, i.e. α tiny next to the time span), the command must end with a user message (exit 2),
 * not a stack trace. The series is made to fail here by a mock, since no real log was found that
 * reaches that region; the test failed before the fix (SeriesDidNotConverge was a plain Error).
 */
import { afterAll, describe, expect, it, vi } from 'vitest';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

vi.mock('../../src/calibrate/special.ts', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../src/calibrate/special.ts')>();
  return { ...real, hyp2f1: (a: number, b: number, c: number, z: number) => real.hyp2f1(a, b, c, z, 3) };
});

const { calibrateCommand } = await import('../../src/cli/commands/calibrate.ts');
const { UserError } = await import('../../src/cli/io.ts');

const tmp = mkdtempSync(join(tmpdir(), 'cxsim-review-series-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('calibrate: a ₂F₁ series that does not converge', () => {
  it('is a user error (exit 2) and writes nothing', async () => {
    const out = join(tmp, 'out');
    const args = {
      data: resolve(import.meta.dirname, '../../data/cdnow-sample-elog.txt'), model: 'bgnbd', out, force: false, 'periods-per-year': 1, 'unit-days': 7,
      'calibration-weeks': 39, classes: 10, 'amount-per-transaction': 1, pool: 'core', 'share-of-wallet': 0.5, 'margin-rate': 0.3,
      'satisfaction-reference': 0.5, 'horizon-months': 60, currency: 'USD', seed: 1, quiet: true,
    };
    const run = (calibrateCommand.handler as (a: unknown) => Promise<void>)(args);
    await expect(run).rejects.toBeInstanceOf(UserError);
    await expect(run).rejects.toThrow(/did not converge/);
    expect(existsSync(out)).toBe(false);
  });
});
