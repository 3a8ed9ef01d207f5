/**
 * Colours: one fixed colour per strategy in every chart (the baseline is grey), and
 * categorical colours for pools and levers.
 */
export const BASELINE_COLOUR = '#6b6b6b';
/** Observable 10, minus its grey-ish members, for strategies and categories. */
export const CATEGORY_COLOURS = ['#4269d0', '#efb118', '#ff725c', '#6cc5b0', '#3ca951', '#ff8ab7', '#a463f2', '#97bbf5', '#9c6b4e'];

export interface StrategyColours {
  domain: string[];
  range: string[];
}

/** Colour scale of strategy display names, in the comparison's order; the baseline grey. */
export function strategyColours(strategies: { name: string; baseline: boolean }[]): StrategyColours {
  let i = 0;
  return {
    domain: strategies.map((s) => s.name),
    range: strategies.map((s) => (s.baseline ? BASELINE_COLOUR : CATEGORY_COLOURS[i++ % CATEGORY_COLOURS.length])),
  };
}

export function categoryColours(domain: string[]): StrategyColours {
  return { domain, range: domain.map((_, i) => CATEGORY_COLOURS[i % CATEGORY_COLOURS.length]) };
}
