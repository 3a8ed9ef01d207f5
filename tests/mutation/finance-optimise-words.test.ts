/**
 * The optimiser's outputs with display names that differ from the ids, a failed optimality
 * check, notes, and CVaR gains (issue 17 item 4; src/finance/optimise-output.ts). The numbers are
 * the saved outputs of tests/mutation/finance-optimise.test.ts (checked by hand there); the names,
 * notes and CVaR gains set here are set by hand.
 */
import { describe, expect, it } from 'vitest';
import { optimiseSectionHtml, optimiseText } from '../../src/finance/optimise-output.ts';
import type { Optimisation } from '../../src/finance/optimise.ts';
import outputs from './finance-outputs/optimisations.json' with { type: 'json' };
import { levered } from '../finance/levered.ts';

const saved = outputs as unknown as Record<'mean' | 'cvar5' | 'unspent', Optimisation>;
const named = (): Optimisation => ({
  ...saved.mean,
  levers: [{ id: 'fix', name: 'Fix the shop' }, { id: 'ready', name: 'Get ready' }],
  template: { id: 'spend', name: 'Spend plan' },
  gains: saved.mean.gains.map((g) => ({ ...g, name: g.name.toUpperCase() })),
  notes: ['A note.'],
  optimality: { ...saved.mean.optimality, holds: false },
});
const withCvarGain = (): Optimisation => ({ ...saved.cvar5, gains: saved.cvar5.gains.map((g, i) => ({ ...g, cvar5Gain: i === 0 ? 1.5 : null, cvar5GainCi95: i === 0 ? ([0.5, 2.5] as [number, number]) : null })) });

describe('the optimiser in words, with names', () => {
  it('levers and the template by name; the notes', () => {
    const lines = optimiseText(named()).split('\n');
    expect(lines).toContain('Fix the shop  80.0%            80.0                    0.09  [−0.18, 0.35]                   1.09');
    expect(lines).toContain('Get ready     20.0%            20.0                    0.01  [−0.24, 0.25]                   1.01');
    expect(lines).toContain('A note.');
    expect(lines).toContain("Candidates keep the template Spend plan's overrides; its rules and schedules are not used. Named strategies run as written (their own budgets, rules and schedules).");
  });
  it('the report: a failed check, the best named strategy by its net equity, levers in the legend', () => {
    const html = optimiseSectionHtml(named(), levered());
    expect(html).toContain('<small>Objective</small><b>expected net equity</b><small>warning: an optimality condition fails (see below)</small>');
    expect(html).toContain('<small>Gain over the best named strategy (SPEND&#39;S MIX AT THIS BUDGET)</small><b>+5.44</b><small>95% CI [4.09, 6.79]; better in 100% [44%, 100%] of replications (Wilson 95% CI)</small>');
    expect(html).toContain('<span>Fix the shop</span>');
    expect(html).toContain('<span>Get ready</span>');
    // the named strategies' first-year spend is drawn beside the optimum (the mix at this budget is not a strategy of the scenario)
    expect(html).toContain('>ZERO</text>');
    expect(html).toContain('>SPEND</text>');
    expect(html).not.toContain('>SPEND&#39;S MIX AT THIS BUDGET</text>');
  });
  it('CVaR gains: columns in the text and a sentence in the report', () => {
    const lines = optimiseText(withCvarGain()).split('\n');
    expect(lines).toContain('Compared with               Budget/yr  Its net equity   Gain        95% CI  P(optimum better), Wilson 95% CI  Δ CVaR 5%  paired-bootstrap 95% CI');
    expect(lines).toContain("spend's mix at this budget        100             118  +5.44  [4.09, 6.79]                  100% [44%, 100%]      +1.50             [0.50, 2.50]");
    expect(lines).toContain('zero                                0               0   +124   [68.1, 179]                  100% [44%, 100%]          —');
    expect(optimiseSectionHtml(withCvarGain(), levered())).toContain('Gain in the objective optimised, CVaR 5% of net equity (optimum − strategy, paired-bootstrap 95% CI): spend&#39;s mix at this budget +1.50 ([0.50, 2.50]).');
    // without CVaR gains (fewer than 200 replications) neither the columns nor the sentence
    expect(optimiseText(saved.cvar5)).not.toContain('Δ CVaR 5%  paired-bootstrap');
    expect(optimiseSectionHtml(saved.cvar5, levered())).not.toContain('Gain in the objective optimised');
  });
});
