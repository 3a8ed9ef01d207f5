/**
 * The mechanics' assembly (src/engine/mechanics/): the series book gives results the series order
 * they had before the split (series.csv writes them in that order) and resolves a name declared
 * twice as plain assignment would; every mechanic's series are in the result; a mechanic that
 * reads another registered after it is refused with a message naming both the fix and the file.
 * Bit-identity of the split itself is checked by scripts/engine-digest.ts and kernel.test.ts.
 */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readScenario } from '../../src/cli/scenario-file.ts';
import { simulateReplication } from '../../src/engine/replication.ts';
import { MECHANICS } from '../../src/engine/mechanics/index.ts';
import { SeriesBook, SERIES_ORDER, type AnyMechanic, type Mechanic } from '../../src/engine/mechanics/mechanic.ts';
import { levers } from '../../src/engine/mechanics/levers.ts';
import { pools } from '../../src/engine/mechanics/pools.ts';
import { rules } from '../../src/engine/mechanics/rules.ts';
import type { Scenario } from '../../src/scenario/schema.ts';

const scenarioPath = resolve(import.meta.dirname, '../../scenarios/workshop-101.yaml');

describe('SeriesBook', () => {
  it('orders series by SERIES_ORDER whatever the order of declaration, families in declaration order, unknown names last', () => {
    const book = new SeriesBook(2);
    const extra = book.one('zeta.new');
    const stage = book.family('stage', ['b', 'a']);
    const active = book.one('active');
    const discountStart = book.one('discount.start');
    const seg = book.family('active', ['x']);
    const record = book.record();
    expect(Object.keys(record)).toEqual(['discount.start', 'active', 'active.x', 'stage.b', 'stage.a', 'zeta.new']);
    expect(record['active']).toBe(active);
    expect(record['discount.start']).toBe(discountStart);
    expect(record['stage.b']).toBe(stage[0]);
    expect(record['active.x']).toBe(seg[0]);
    expect(record['zeta.new']).toBe(extra);
    expect(record['stage.a']).toHaveLength(2);
  });

  it('a name declared twice keeps the first position in SERIES_ORDER and the array of the later one there (a lever called "treatment")', () => {
    const book = new SeriesBook(1);
    const lever = book.family('cxSpend', ['treatment']);
    const treatment = book.one('cxSpend.treatment');
    const offers = book.one('cxSpend.offers');
    const record = book.record();
    expect(Object.keys(record)).toEqual(['cxSpend.treatment', 'cxSpend.offers']);
    // as `series[name] = array` in SERIES_ORDER: the family comes after the plain name, so its array wins
    expect(record['cxSpend.treatment']).toBe(lever[0]);
    expect(record['cxSpend.treatment']).not.toBe(treatment);
    expect(record['cxSpend.offers']).toBe(offers);
  });
});

describe('the registry', () => {
  const sc: Scenario = readScenario(scenarioPath);
  sc.meta.agentScale = Math.max(sc.meta.agentScale, Object.values(sc.segments).reduce((a, s) => a + s.initialCustomers, 0) / 300);
  const strategy = Object.keys(sc.strategies)[0];

  it('a result lists its series in SERIES_ORDER: named ones first, then the families', () => {
    const r = simulateReplication({ scenario: sc, strategy, replication: 0 });
    const names = Object.keys(r.series);
    const rank = (k: string) => {
      const exact = SERIES_ORDER.indexOf(k);
      if (exact >= 0) return exact;
      const family = SERIES_ORDER.indexOf(`${k.slice(0, k.indexOf('.'))}.*`);
      expect(family, k).toBeGreaterThanOrEqual(0);
      return family;
    };
    const ranks = names.map(rank);
    expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
    for (const named of SERIES_ORDER.filter((k) => !k.endsWith('.*'))) expect(names, named).toContain(named);
    expect(names.filter((k) => k.startsWith('revenue.'))).toEqual(Object.keys(sc.pools).map((p) => `revenue.${p}`));
  });

  it('registry order: levers first (every other mechanic reads their effects), trigger rules after the pools whose series they read; names unique', () => {
    expect(MECHANICS[0]).toBe(levers);
    expect(MECHANICS.indexOf(pools)).toBeLessThan(MECHANICS.indexOf(rules));
    expect(new Set(MECHANICS.map((x) => x.name)).size).toBe(MECHANICS.length);
  });

  it('refuses a mechanic that reads one registered after it', () => {
    const late: Mechanic<number> = { name: 'late', start: () => 0 };
    const early: Mechanic<number> = { name: 'early', start: (r) => r.state(late) };
    // the registry is typed readonly: the test puts `early` first and removes it again
    const registry = MECHANICS as AnyMechanic[];
    registry.unshift(early);
    try {
      expect(() => simulateReplication({ scenario: sc, strategy, replication: 0 })).toThrow(/mechanic "late" is read before it started: register it earlier \(mechanics\/index\.ts\)/);
    } finally {
      registry.splice(registry.indexOf(early), 1);
    }
    expect(MECHANICS[0]).toBe(levers);
  });
});
