// Steady states of the default workforce calibration (no overload, monthly steps), from the
// equations of docs/model.md §6 and the schema defaults.
// Run: node bin/run-ts.js scripts/calibration/calibration.ts
import { Workforce } from '../../src/scenario/schema.ts';
const w = Workforce.parse({ headcount: 1 }) as any;
const a = 1 - Math.exp(-1 / w.experience.learningMonths);
for (const supportEffect of [0, 0.5, 1]) {
  const isq = w.internalServiceQuality.base + (1 - w.internalServiceQuality.base) * supportEffect;
  const E = Math.min(1, Math.max(0, w.engagement.base + w.engagement.isqWeight * isq));
  const annual = Math.min(1, w.turnover.annualRate * Math.exp(-w.turnover.engagementSensitivity * (E - w.turnover.reference)));
  const u = 1 - Math.pow(1 - annual, 1 / 12);
  const X = (a * (1 - u)) / (1 - (1 - a) * (1 - u));
  const sq = w.serviceQuality.base + w.serviceQuality.engagementWeight * E + w.serviceQuality.experienceWeight * X;
  const human = w.contact.baseQuality + w.contact.serviceWeight * sq;
  console.log(`support effect ${supportEffect}: ISQ ${isq.toFixed(3)}, E ${E.toFixed(3)}, turnover ${(100 * annual).toFixed(1)}%/yr, X ${X.toFixed(3)}, SQ ${sq.toFixed(3)}, human contact experience ${human.toFixed(3)}`);
}
const q = w.automation.quality;
console.log(`automated contact at default quality ${q}: ${(w.contact.baseQuality + w.contact.serviceWeight * q - w.automation.frictionAtZeroQuality * (1 - q)).toFixed(3)}; at quality 1: ${(w.contact.baseQuality + w.contact.serviceWeight).toFixed(3)}`);
