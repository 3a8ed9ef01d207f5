/**
 * The YAML outputs: a `segments:` block ready to paste into a scenario, and a minimal
 * scenario around it (one pool, one single-stage journey, a baseline strategy) that
 * `cxsim validate` and `cxsim compare` accept as it is. The mapping's assumptions are
 * written as comments above the block. Pure (the `yaml` library formats).
 */
import { Document, YAMLMap } from 'yaml';
import type { CalibrationResult } from './calibration.ts';
import { MODEL_TITLES } from './calibration.ts';

export interface ScenarioYamlOptions {
  /** Satisfaction at which churn and share of wallet are at their base (behaviour.satisfactionReference). */
  satisfactionReference: number;
  marginRate: number;
  horizonMonths: number;
  name: string;
  command: string;
}

/** The segments with the fields that keep them at their calibrated base. */
export function scenarioSegments(r: CalibrationResult, o: Pick<ScenarioYamlOptions, 'satisfactionReference'>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [id, s] of Object.entries(r.segments)) out[id] = { ...s, initialSatisfaction: o.satisfactionReference, serviceNeed: 0 };
  return out;
}

function header(r: CalibrationResult, o: ScenarioYamlOptions): string {
  return [
    `Calibrated by: ${o.command}`,
    `Model: ${MODEL_TITLES[r.model]}; estimates and standard errors in fit.json.`,
    ...r.assumptions,
    `initialSatisfaction = behaviour.satisfactionReference (${o.satisfactionReference}) and serviceNeed 0 keep churn and spend at the fitted base; CX effects move them from there.`,
  ]
    .flatMap((line) => wrap(line, 96))
    .map((l) => ` ${l}`)
    .join('\n');
}

function wrap(s: string, width: number): string[] {
  const out: string[] = [];
  let line = '';
  for (const w of s.split(' ')) {
    if (line && line.length + 1 + w.length > width) {
      out.push(line);
      line = w;
    } else line = line ? `${line} ${w}` : w;
  }
  if (line) out.push(line);
  return out;
}

export function segmentsYaml(r: CalibrationResult, o: ScenarioYamlOptions): string {
  const doc = new Document({ segments: scenarioSegments(r, o) });
  doc.commentBefore = header(r, o);
  return doc.toString({ lineWidth: 0 });
}

export function scenarioYaml(r: CalibrationResult, o: ScenarioYamlOptions): string {
  const scenario = {
    meta: { name: o.name, description: `Segments calibrated from data (${MODEL_TITLES[r.model]}); every CX, workforce and pool effect neutral.`, horizonMonths: o.horizonMonths, replications: 20 },
    behaviour: { satisfactionReference: o.satisfactionReference },
    pools: { [r.pool]: { marginRate: o.marginRate } },
    segments: scenarioSegments(r, o),
    journeys: { customer: { stages: { active: {} } } },
    strategies: { baseline: { baseline: true, description: 'No CX investment: the calibrated customer base as it is.' } },
  };
  const doc = new Document(scenario);
  doc.commentBefore = header(r, o);
  const segs = doc.get('segments', true) as YAMLMap;
  if (segs) segs.commentBefore = ' Calibrated segments (the block segments.yaml holds on its own).';
  return doc.toString({ lineWidth: 0 });
}
