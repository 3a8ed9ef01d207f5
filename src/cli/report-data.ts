/**
 * report-data.json: what `cxsim compare` saves so that `cxsim report` can re-render the HTML
 * report without simulating again — the comparison, the scenario as run and the command.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { COMPARISON_FORMAT, type Comparison } from '../metrics/comparison.ts';
import type { Scenario } from '../scenario/schema.ts';
import { UserError } from './io.ts';

export const REPORT_DATA_FILE = 'report-data.json';
export const REPORT_DATA_FORMAT = COMPARISON_FORMAT;

export interface ReportData {
  format: typeof REPORT_DATA_FORMAT;
  command: string;
  comparison: Comparison;
  scenario: Scenario;
}

/** Reads and checks DIR/report-data.json; a UserError says what is wrong and how to fix it. */
export function readReportData(dir: string): ReportData {
  const path = join(dir, REPORT_DATA_FILE);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new UserError(`${dir}: no ${REPORT_DATA_FILE} here; give the --out folder of a \`cxsim compare\` run`);
    if (code === 'ENOTDIR') throw new UserError(`${dir}: expected a results folder (the --out of \`cxsim compare\`), found a file`);
    throw new UserError(`${path}: cannot be read (${(e as Error).message})`);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new UserError(`${path}: expected JSON, found a file that does not parse (${(e as Error).message})`);
  }
  const d = data as Partial<ReportData> | null;
  if (!d || typeof d !== 'object' || typeof d.comparison !== 'object' || typeof d.scenario !== 'object') {
    throw new UserError(`${path}: expected the results of \`cxsim compare\` (comparison and scenario), found something else`);
  }
  if (d.format !== REPORT_DATA_FORMAT) {
    throw new UserError(`${path}: expected results format ${REPORT_DATA_FORMAT}, found ${JSON.stringify(d.format)}; re-run \`cxsim compare\` with this version of cxsim`);
  }
  return d as ReportData;
}
