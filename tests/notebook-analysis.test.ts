/** The notebooks' small helpers (notebooks/lib/analysis.ts, display.ts). */
import { afterEach, describe, expect, it } from 'vitest';
import { describeDifferences, notebookReplications, withChanges } from '../notebooks/lib/analysis.ts';
import { DISPLAY_LOG, markdown, show, table } from '../notebooks/lib/display.ts';
import { readScenario } from '../src/cli/scenario-file.ts';

const workshop = readScenario('scenarios/workshop-101.yaml');

describe('describeDifferences', () => {
  it('gives the mean, its standard error and the share of positive differences', () => {
    const d = describeDifferences([1, 2, 3, -2]);
    expect(d.mean).toBe(1);
    // sample sd = sqrt(((0)²+(1)²+(2)²+(−3)²)/3) = sqrt(14/3); se = sd/√4
    expect(d.se).toBeCloseTo(Math.sqrt(14 / 3) / 2, 12);
    expect(d.pPositive).toBe(0.75);
    expect(d.n).toBe(4);
  });
});

describe('notebookReplications', () => {
  const saved = process.env.CXSIM_NOTEBOOK_REPLICATIONS;
  afterEach(() => {
    if (saved === undefined) delete process.env.CXSIM_NOTEBOOK_REPLICATIONS;
    else process.env.CXSIM_NOTEBOOK_REPLICATIONS = saved;
  });

  it("uses the scenario's replications unless the environment asks for a valid other number", () => {
    delete process.env.CXSIM_NOTEBOOK_REPLICATIONS;
    expect(notebookReplications(workshop)).toBe(workshop.meta.replications);
    process.env.CXSIM_NOTEBOOK_REPLICATIONS = '3';
    expect(notebookReplications(workshop)).toBe(3);
    for (const bad of ['1', 'x', '2.5', '']) {
      process.env.CXSIM_NOTEBOOK_REPLICATIONS = bad;
      expect(notebookReplications(workshop)).toBe(workshop.meta.replications);
    }
  });
});

describe('withChanges', () => {
  it('deep-merges changes and validates the result again', () => {
    const longer = withChanges(workshop, { meta: { horizonMonths: 60 } });
    expect(longer.meta.horizonMonths).toBe(60);
    expect(longer.meta.seed).toBe(workshop.meta.seed);
    expect(() => withChanges(workshop, { meta: { horizonMonths: -1 } })).toThrow();
  });
});

describe('display helpers', () => {
  it('build MIME bundles, record them when asked, and display through the Jupyter protocol', () => {
    const log: unknown[] = [];
    (globalThis as Record<symbol, unknown>)[DISPLAY_LOG] = log;
    try {
      const t = table([{ strategy: 'a', value: 1234.5 }]);
      expect(t.bundle['text/html']).toContain('<th>strategy</th>');
      expect(t.bundle['text/plain']).toContain('1,234.5');
      const m = markdown('**x**');
      expect((m as unknown as Record<symbol, () => unknown>)[Symbol.for('Jupyter.display')]()).toEqual({ 'text/markdown': '**x**', 'text/plain': '**x**' });
      expect(show('<svg><style>.a{}</style><text>hi</text></svg>').bundle['text/plain']).toBe('hi');
      expect(log).toHaveLength(3);
      expect(() => show(42)).toThrow(/show\(\) takes a chart/);
    } finally {
      delete (globalThis as Record<symbol, unknown>)[DISPLAY_LOG];
    }
  });
});
