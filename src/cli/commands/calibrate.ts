/**
 * `cxsim calibrate DATA --model sbg|bgnbd|bgbb|gammagamma`: fits the customer-base model to a
 * firm's records and writes fit.json (every estimate with its SE, ln L, AIC, BIC and the
 * goodness-of-fit tables), goodness-of-fit.csv, segments.yaml (a `segments:` block),
 * scenario.yaml (a minimal scenario around it that `cxsim validate` accepts) and report.html.
 * Bad data: file:line:column messages and exit code 2.
 */
import type { Argv, CommandModule } from 'yargs';
import { join, basename } from 'node:path';
import { COMMANDS } from './index.ts';
import { statSync } from 'node:fs';
import { progressAllowed, UserError, writeFileAtomic } from '../io.ts';
import { OutputFolder } from '../output-folder.ts';
import { Progress } from '../progress.ts';
import { DataError } from '../../calibrate/data-error.ts';
import { SeriesDidNotConverge } from '../../calibrate/special.ts';
import { DATE_FORMATS, type DateFormat } from '../../calibrate/dates.ts';
import { readEventLog } from '../../calibrate/event-log.ts';
import { readBgBbTable, readSurvivalTable } from '../../calibrate/tables.ts';
import { calibrateBgBb, calibrateEventLog, calibrateSurvival, MODEL_TITLES, type CalibrationResult, type ModelName } from '../../calibrate/calibration.ts';
import { scenarioYaml, segmentsYaml } from '../../calibrate/scenario-yaml.ts';
import { goodnessOfFitCsv, resultJson } from '../../calibrate/output.ts';
import { ID_PATTERN, Scenario } from '../../scenario/schema.ts';

interface Args {
  data: string;
  model: ModelName;
  out?: string;
  force: boolean;
  'segment-by'?: string;
  periods?: number;
  'periods-per-year': number;
  'customer-column'?: string;
  'date-column'?: string;
  'amount-column'?: string;
  'date-format'?: DateFormat;
  'calibration-end'?: string;
  'calibration-weeks'?: number;
  'holdout-end'?: string;
  'unit-days': number;
  classes: number;
  'amount-per-transaction': number;
  'monthly-spend'?: number;
  pool: string;
  name?: string;
  'share-of-wallet': number;
  'margin-rate': number;
  'satisfaction-reference': number;
  'horizon-months': number;
  currency: string;
  seed: number;
  quiet: boolean;
}

const positive = (name: string, v: number | undefined, integer = false): void => {
  if (v === undefined) return;
  if (!Number.isFinite(v) || v <= 0 || (integer && !Number.isInteger(v))) throw new UserError(`--${name}: expected a ${integer ? 'whole ' : ''}number > 0, found ${v}`);
};

function check(a: Args): void {
  positive('periods', a.periods, true);
  positive('periods-per-year', a['periods-per-year']);
  positive('calibration-weeks', a['calibration-weeks']);
  positive('unit-days', a['unit-days']);
  positive('classes', a.classes, true);
  positive('amount-per-transaction', a['amount-per-transaction']);
  positive('monthly-spend', a['monthly-spend']);
  positive('horizon-months', a['horizon-months'], true);
  for (const k of ['share-of-wallet', 'margin-rate', 'satisfaction-reference'] as const) {
    const v = a[k];
    if (!(Number.isFinite(v) && v > 0 && v <= 1)) throw new UserError(`--${k}: expected a number in (0, 1], found ${v}`);
  }
  if (a.classes > 50) throw new UserError(`--classes: expected at most 50 purchase-rate classes, found ${a.classes}`);
  if (a['calibration-end'] !== undefined && a['calibration-weeks'] !== undefined) throw new UserError('give --calibration-end or --calibration-weeks, not both');
  if (!ID_PATTERN.test(a.pool)) throw new UserError(`--pool ${JSON.stringify(a.pool)}: expected a pool id (a letter, then letters, digits, "-" or "_")`);
  if (a.model === 'sbg' && a['segment-by'] !== undefined) throw new UserError('--segment-by: a survival table has one column per cohort, and each is fitted on its own already');
}

/** Runs a calibration; returns the result (the handler writes it). Exported for tests and the notebook. */
const quietProgress = (): void => {};

export async function runCalibration(a: Args, progress: (line: string) => void = quietProgress): Promise<CalibrationResult> {
  const mapping = { pool: a.pool, shareOfWallet: a['share-of-wallet'], prefix: a.name ?? basename(a.data).replace(/\.[^.]*$/, '') };
  switch (a.model) {
    case 'sbg': {
      const full = await readSurvivalTable(a.data, {});
      const cohorts = await readSurvivalTable(a.data, { periods: a.periods });
      return calibrateSurvival(cohorts, full, { ...mapping, periodsPerYear: a['periods-per-year'], monthlySpend: a['monthly-spend'] }, {
        file: a.data,
        cohorts: cohorts.map((c) => c.name).join(', '),
        fittedPeriods: cohorts[0].alive.length - 1,
        holdoutPeriods: full[0].alive.length - cohorts[0].alive.length,
        periodsPerYear: a['periods-per-year'],
      });
    }
    case 'bgbb': {
      const tables = await readBgBbTable(a.data, { segmentColumn: a['segment-by'] });
      return calibrateBgBb(tables, { ...mapping, opportunitiesPerYear: a['periods-per-year'], amountPerTransaction: a['amount-per-transaction'] }, {
        file: a.data,
        groups: tables.length > 1 ? tables.map((t) => t.segment).join(', ') : null,
        rows: tables.reduce((s, t) => s + t.rows.length, 0),
        opportunitiesPerYear: a['periods-per-year'],
      });
    }
    case 'bgnbd':
    case 'gammagamma': {
      const t0 = performance.now();
      // a bar over both passes on a terminal; lines every 10⁶ rows otherwise
      let size = 0;
      try {
        size = statSync(a.data).size;
      } catch {
        size = 0; // a missing file is reported by the reader
      }
      const bar = progress !== quietProgress && progressAllowed() && size > 0 ? new Progress(2 * size, 'reading', 'bytes') : null;
      const log = await readEventLog(a.data, {
        customerColumn: a['customer-column'],
        dateColumn: a['date-column'],
        amountColumn: a['amount-column'],
        segmentColumn: a['segment-by'],
        dateFormat: a['date-format'],
        calibrationEnd: a['calibration-end'],
        calibrationUnits: a['calibration-weeks'] === undefined ? undefined : (a['calibration-weeks'] * 7) / a['unit-days'],
        holdoutEnd: a['holdout-end'],
        unitDays: a['unit-days'],
        onProgress: bar ? undefined : (pass, rows) => progress(`calibrate: pass ${pass} of 2, ${rows.toLocaleString('en-US')} rows read`),
        onChunk: bar ? (pass, read) => bar.update((pass - 1) * size + Math.min(read, size)) : undefined,
      }).finally(() => bar?.stop());
      const readSeconds = (performance.now() - t0) / 1000;
      progress(`calibrate: read ${log.rows.toLocaleString('en-US')} rows of ${log.rfm.x.length.toLocaleString('en-US')} customers in ${readSeconds.toFixed(1)} s; fitting`);
      return calibrateEventLog(log, { ...mapping, model: a.model, classes: a.classes, seed: a.seed }, {
        file: a.data,
        rows: log.rows,
        customers: log.rfm.x.length,
        columns: `customer ${log.columns.customer}, date ${log.columns.date}, amount ${log.columns.amount}${log.columns.segment ? `, segment ${log.columns.segment}` : ''}`,
        dateFormat: log.dateFormat,
        firstDate: log.firstDay,
        lastDate: log.lastDay,
        calibrationEnd: log.calibrationEnd,
        holdoutEnd: log.holdoutEnd,
        unitDays: log.unitDays,
        calibrationUnits: log.calibrationUnits,
        holdoutUnits: log.rfm.holdoutLength,
        excludedCustomers: log.excludedCustomers,
        rowsAfterHoldout: log.rowsAfterHoldout,
      });
    }
  }
}

function estimatesText(r: CalibrationResult): string {
  const lines: string[] = [];
  for (const g of r.groups) {
    for (const m of g.models) {
      lines.push(`${MODEL_TITLES[m.model]}${r.groups.length > 1 ? ` — ${g.group}` : ''} (${m.fit.n.toLocaleString('en-US')} customers): ln L ${m.fit.logLik.toFixed(2)}, AIC ${m.fit.aic.toFixed(1)}, BIC ${m.fit.bic.toFixed(1)}`);
      for (const e of m.fit.estimates) lines.push(`  ${e.name.padEnd(6)} ${e.value.toFixed(4).padStart(10)}  SE ${e.se === null ? 'n/a' : e.se.toFixed(4)}`);
    }
  }
  return `${lines.join('\n')}\n`;
}

export const calibrateCommand: CommandModule<{}, Args> = {
  command: COMMANDS.calibrate.command,
  describe: COMMANDS.calibrate.describe,
  builder: (y: Argv<{}>) =>
    y
      .positional('data', { type: 'string', demandOption: true, describe: 'The data: a cohort survival table (sbg), an event log of customer, date, amount (bgnbd, gammagamma) or a frequency/recency/periods/count table (bgbb)' })
      .option('model', { type: 'string', choices: ['sbg', 'bgnbd', 'bgbb', 'gammagamma'], demandOption: true, describe: 'sbg: contractual churn; bgnbd: non-contractual purchasing (+ Gamma-Gamma spend); bgbb: discrete opportunities; gammagamma: spend per transaction only' })
      .option('out', { type: 'string', describe: 'Output folder (default: out/calibrate-<model>)' })
      .option('force', { type: 'boolean', default: false, describe: 'Replace files in an existing output folder' })
      .option('segment-by', { type: 'string', describe: 'Column naming each customer’s group: one model per group (event logs, bgbb tables; an sbg table fits every cohort column anyway)' })
      .option('periods', { type: 'number', describe: 'sbg: fit periods 0..N only; later rows are the hold-out (default: all)' })
      .option('periods-per-year', { type: 'number', default: 1, describe: 'sbg: periods of the survival table per year; bgbb: opportunities per year' })
      .option('customer-column', { type: 'string', describe: 'Event log: customer id column, a header name or 1-based number (default: detected)' })
      .option('date-column', { type: 'string', describe: 'Event log: date column (default: detected)' })
      .option('amount-column', { type: 'string', describe: 'Event log: amount column, money per row (default: detected)' })
      .option('date-format', { type: 'string', choices: [...DATE_FORMATS], describe: 'Event log: date format (default: detected from the first row)' })
      .option('calibration-end', { type: 'string', describe: 'Event log: last day of the calibration period (YYYY-MM-DD); later purchases are the hold-out' })
      .option('calibration-weeks', { type: 'number', describe: 'Event log: calibration period in weeks from the first date of the log (instead of --calibration-end; default: the whole log)' })
      .option('holdout-end', { type: 'string', describe: 'Event log: last day of the hold-out period (default: the last date in the log)' })
      .option('unit-days', { type: 'number', default: 7, describe: 'Event log: days per time unit of the model (7 = weeks)' })
      .option('classes', { type: 'number', default: 10, describe: 'bgnbd: purchase-rate classes, one segment each (see docs/calibration.md)' })
      .option('amount-per-transaction', { type: 'number', default: 1, describe: 'bgbb: money per transaction, for the wallet (per transaction, per customer)' })
      .option('monthly-spend', { type: 'number', describe: 'sbg: spend with us per active customer per month, for the wallet (optional)' })
      .option('pool', { type: 'string', default: 'core', describe: 'Pool id the segments’ wallets are in' })
      .option('name', { type: 'string', describe: 'Segment name / id prefix (default: the data file’s name)' })
      .option('share-of-wallet', { type: 'number', default: 0.5, describe: 'Base share of wallet (behaviour.shareOfWallet.base) that turns spend with us into the wallet' })
      .option('margin-rate', { type: 'number', default: 0.3, describe: 'scenario.yaml: contribution margin rate of the pool' })
      .option('satisfaction-reference', { type: 'number', default: 0.5, describe: 'behaviour.satisfactionReference; the segments start there so churn is the fitted churn' })
      .option('horizon-months', { type: 'number', default: 60, describe: 'scenario.yaml: horizon in months' })
      .option('currency', { type: 'string', default: 'USD', describe: 'Currency of the amounts (labels only)' })
      .option('seed', { type: 'number', default: 1, describe: 'Seed of the draws that map BG/NBD classes to Beta churn' })
      .option('quiet', { type: 'boolean', default: false, describe: 'Do not print the estimates' })
      .example('$0 calibrate data/sbg-fader-hardie-2007.csv --model sbg --periods 7', 'sBG on two cohorts, years 0–7 fitted, 8–12 as hold-out')
      .example('$0 calibrate data/cdnow-sample-elog.txt --model bgnbd --calibration-weeks 39', 'BG/NBD + Gamma-Gamma on the CDNOW sample, 39-week calibration, 39-week hold-out')
      .example('$0 calibrate data/donations-bgbb.csv --model bgbb --amount-per-transaction 50', 'BG/BB on the donations table')
      .example('$0 calibrate sales.csv --model bgnbd --customer-column client --date-column day --amount-column net --calibration-end 2024-06-30 --segment-by region', 'a CSV with a header; one model per region')
      .epilogue('Writes fit.json, goodness-of-fit.csv, segments.yaml, scenario.yaml and report.html into --out. Bad data is reported as file:line:column with exit code 2. The mapping from fitted models to segments is in docs/calibration.md.') as unknown as Argv<Args>,
  handler: async (args) => {
    check(args);
    const command = `cxsim ${process.argv.slice(2).join(' ')}`;
    const progress = (line: string) => process.stderr.write(`${line}\n`);
    let result: CalibrationResult;
    const t0 = performance.now();
    try {
      result = await runCalibration(args, args.quiet ? undefined : progress);
    } catch (e) {
      if (e instanceof DataError) throw new UserError(e.message);
      if (e instanceof SeriesDidNotConverge) throw new UserError(`${args.data}: the fitted model needs Gauss's hypergeometric function where its series does not converge (${e.message}): the fitted α is tiny next to the time span; check the data for a few extreme buyers, or shorten the hold-out`);
      if (e instanceof RangeError) throw new UserError(`${args.data}: ${e.message}`);
      throw e;
    }
    const seconds = (performance.now() - t0) / 1000;
    const out = args.out ?? join('out', `calibrate-${args.model}`);
    const yamlOptions = { satisfactionReference: args['satisfaction-reference'], marginRate: args['margin-rate'], horizonMonths: args['horizon-months'], name: `Calibrated from ${basename(args.data)}`, command };
    const scen = Object.keys(result.segments).length ? scenarioYaml(result, yamlOptions) : undefined;
    if (scen !== undefined) {
      // the scenario must be one cxsim accepts; options (--horizon-months, --pool, …) can make it not: say so before writing anything
      const parsed = Scenario.safeParse((await import('yaml')).parse(scen));
      if (!parsed.success) throw new UserError(`the calibrated scenario.yaml would not be valid, so nothing was written:\n${parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`).join('\n')}`);
    }
    const folder = OutputFolder.open(out, { force: args.force, inputs: [args.data] }); // the whole file set is swapped in at the end
    const segs = segmentsYaml(result, yamlOptions);
    const files: [string, string][] = [
      ['fit.json', resultJson(result, { command, seconds })],
      ['goodness-of-fit.csv', goodnessOfFitCsv(result)],
      // the charts (Observable Plot + linkedom) load only when a report is written
      ['report.html', (await import('../../calibrate/report.ts')).calibrationReportHtml(result, { command, segmentsYaml: segs, currency: args.currency })],
    ];
    if (scen !== undefined) files.push(['segments.yaml', segs], ['scenario.yaml', scen]);
    for (const [f, text] of files) writeFileAtomic(folder.path(f), text);
    folder.commit();
    if (!args.quiet) process.stdout.write(estimatesText(result));
    process.stdout.write(`calibrated in ${seconds.toFixed(1)} s; wrote ${files.map(([f]) => join(out, f)).join(', ')}\n`);
  },
};
