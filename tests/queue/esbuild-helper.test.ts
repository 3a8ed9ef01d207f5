/**
 * esbuild's helper process after the queue's engine fingerprint (issue 15 follow-up): every
 * esbuild build of cxsim (the fingerprint, the worker bundle) stops the helper once no build is
 * in flight — not before (a stop would break a concurrent build), and not never (the helper
 * would stay in the process group of `cxsim worker` and `--redis` commands until exit).
 * esbuild's build and stop are wrapped to record their order.
 */
import { describe, expect, it, vi } from 'vitest';

const events: string[] = [];
vi.mock('esbuild', async (importOriginal) => {
  const real = await importOriginal<typeof import('esbuild')>();
  let n = 0;
  return {
    ...real,
    build: async (options: Parameters<typeof real.build>[0]) => {
      const id = ++n;
      events.push(`start ${id}`);
      try {
        return await real.build(options);
      } finally {
        events.push(`end ${id}`);
      }
    },
    stop: async () => {
      events.push('stop');
      return real.stop();
    },
  };
});

describe('esbuild helper', () => {
  it('the engine fingerprint alone stops the helper after its build', async () => {
    const { engineFingerprint } = await import('../../src/run/queue/protocol.ts');
    const fp = await engineFingerprint();
    expect(fp).toMatch(/^[0-9a-f]{16}$/);
    expect(events).toEqual(['start 1', 'end 1', 'stop']);
  }, 120_000);

  it('the fingerprint and the worker bundle built at once: one stop, after both builds', async () => {
    events.length = 0;
    vi.resetModules();
    const { engineFingerprint } = await import('../../src/run/queue/protocol.ts');
    const { workerSource } = await import('../../src/run/worker-bundle.ts');
    const [fp, source] = await Promise.all([engineFingerprint(), workerSource()]);
    expect(fp).toMatch(/^[0-9a-f]{16}$/);
    expect(source.length).toBeGreaterThan(1000);
    expect(events.filter((e) => e === 'stop')).toEqual(['stop']);
    expect(events.at(-1)).toBe('stop');
    expect(events.slice(0, 2).every((e) => e.startsWith('start'))).toBe(true);
  }, 120_000);
});
