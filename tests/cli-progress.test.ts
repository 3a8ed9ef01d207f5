/**
 * Plain progress lines (stderr not a terminal): at most one line per interval, with the
 * phase, done/total, elapsed and remaining time. The clock is a fake one advanced by hand,
 * so nothing here depends on wall-clock time.
 */
import { describe, expect, test } from 'vitest';
import { formatDuration, ProgressLines, PROGRESS_LINE_INTERVAL_MS } from '../src/cli/progress.ts';

function fake(total: number, label = 'optimise') {
  let now = 1_000_000;
  const lines: string[] = [];
  const p = new ProgressLines(total, label, 'replications', () => now, (l) => lines.push(l));
  return { p, lines, advance: (ms: number) => (now += ms) };
}

describe('progress lines when stderr is not a terminal', () => {
  test('the interval is about ten seconds', () => {
    expect(PROGRESS_LINE_INTERVAL_MS).toBe(10_000);
  });

  test('nothing before the interval has passed: a short run prints nothing', () => {
    const { p, lines, advance } = fake(100);
    for (let i = 1; i <= 100; i++) {
      advance(99); // 9.9 s in all
      p.update(i);
    }
    expect(lines).toEqual([]);
  });

  test('at most one line per interval, however often the work ticks', () => {
    const { p, lines, advance } = fake(10_000);
    for (let i = 1; i <= 10_000; i++) {
      advance(7); // 70 s in all, a tick every 7 ms
      p.update(i);
    }
    // 70 s of ticks: a line at ≥10 s, ≥20 s, … ≥70 s at most
    expect(lines.length).toBeGreaterThanOrEqual(6);
    expect(lines.length).toBeLessThanOrEqual(7);
    for (const l of lines) expect(l.endsWith('\n')).toBe(true);
  });

  test('a line states phase, done/total, elapsed and the remaining time', () => {
    const { p, lines, advance } = fake(400);
    p.setPhase('greedy 3/20');
    advance(30_000);
    p.update(100); // a quarter done after 30 s: about 90 s left
    expect(lines).toEqual(['optimise · greedy 3/20: 100/400 replications (25%) · 30s elapsed · about 1m 30s left\n']);
  });

  test('a grown total is reported, and done never exceeds the total shown', () => {
    const { p, lines, advance } = fake(10);
    advance(12_000);
    p.update(20);
    expect(lines[0]).toContain('20/20 replications (100%)');
    p.setTotal(80);
    advance(12_000);
    p.update(40);
    expect(lines[1]).toContain('40/80 replications (50%) · 24s elapsed · about 24s left');
  });

  test('before any work is done the remaining time is unknown, not NaN', () => {
    const { p, lines, advance } = fake(10);
    advance(15_000);
    p.update(0);
    expect(lines[0]).toContain('unknown');
    expect(lines[0]).not.toMatch(/NaN|Infinity/);
  });

  test('durations read as seconds, minutes, hours', () => {
    expect(formatDuration(45_000)).toBe('45s');
    expect(formatDuration(185_000)).toBe('3m 05s');
    expect(formatDuration(3_720_000)).toBe('1h 02m');
  });
});
