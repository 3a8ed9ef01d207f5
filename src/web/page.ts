/**
 * The live workshop page (browser entry point, bundled by src/serve/bundle.ts). It reads the
 * scenarios embedded in the page, builds the sliders from the schema (controls.ts), keeps the
 * state in the URL fragment (state.ts), validates the edited scenario with the loader of
 * `cxsim validate` (edit.ts), runs it in a Web Worker (worker.ts) and redraws the charts and
 * the headline table at each pass. No network: everything is in the page.
 */
import { controlsFor, rebalance, type ControlSpec } from './controls.ts';
import { editedText, validateEdited, type ScenarioEntry } from './edit.ts';
import { decodeState, encodeState, type PageState } from './state.ts';
import { pageAgentScale, planRun, MAX_REPLICATIONS } from './run-plan.ts';
import { Runner, type RunUpdate } from './runner.ts';
import type { View } from './results.ts';
import { chainChart, differenceChart, equityChart, poolsChart } from './charts.ts';
import { headlineTable } from './headline.ts';
import { pageValuationText } from './valuation-note.ts';
import { money } from '../report/format.ts';
import { formatProblem } from '../scenario/errors.ts';

interface PageData {
  scenarios: (ScenarioEntry & { name: string; description: string })[];
  schema: Record<string, any>;
  version: string;
}

const $ = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;
const data = JSON.parse($('cxsim-data').textContent ?? '{}') as PageData;

// ---- the workers: classic workers from a Blob (module workers are blocked from file://) ----
const workerUrl = URL.createObjectURL(new Blob([$('cxsim-worker').textContent ?? ''], { type: 'text/javascript' }));
/** One worker per core, 1 to 4 (the page itself is idle while they run). */
const WORKERS = Math.min(4, Math.max(1, navigator.hardwareConcurrency || 2));
const runner = new Runner(() => new Worker(workerUrl), WORKERS, (u) => onUpdate(u), (id, m) => onError(id, m));

let state: PageState;
let entry: PageData['scenarios'][number];
let specs: ControlSpec[] = [];
let runId = 0;
/** performance.now() of the change that started each run. */
const started = new Map<number, number>();
let lastView: View | undefined;
/** Runs whose first pass has been drawn. */
const firstSeen = new Set<number>();
let agentScale = 1;

function defaults(e: ScenarioEntry): PageState {
  const ids = Object.keys(e.scenario.strategies);
  const base = ids.find((id) => e.scenario.strategies[id].baseline) ?? ids[0];
  const other = ids.find((id) => id !== base) ?? base;
  return { scenario: e.id, a: base, b: other, seed: e.scenario.meta.seed, replications: e.scenario.meta.replications, stress: 'none', presenter: false, values: {} };
}

function message(text: string, kind: 'error' | 'note' = 'error'): void {
  const el = $('message');
  el.hidden = text === '';
  el.className = `message ${kind}`;
  el.textContent = text;
}

function setStatus(kind: string, text: string, extra: Record<string, string> = {}): void {
  const el = $('status');
  el.dataset.state = kind;
  el.dataset.run = String(runId);
  for (const [k, v] of Object.entries(extra)) el.dataset[k] = v;
  el.textContent = text;
}

// ---- picker, inputs and sliders -----------------------------------------------------------

function option(value: string, text: string, selected: boolean): HTMLOptionElement {
  const o = document.createElement('option');
  o.value = value;
  o.textContent = text;
  o.selected = selected;
  return o;
}

function fillSelects(): void {
  const sc = entry.scenario;
  $('scenario').replaceChildren(...data.scenarios.map((s) => option(s.id, s.name, s.id === entry.id)));
  const ids = Object.keys(sc.strategies);
  const label = (id: string) => `${sc.strategies[id].name ?? id}${sc.strategies[id].baseline ? ' (baseline)' : ''}`;
  $('strategy-a').replaceChildren(...ids.map((id) => option(id, label(id), id === state.a)));
  $('strategy-b').replaceChildren(...ids.map((id) => option(id, label(id), id === state.b)));
  $('stress').replaceChildren(option('none', 'none', state.stress === 'none'), ...Object.entries(sc.stresses).map(([id, s]) => option(id, s.name ?? id, id === state.stress)));
  $<HTMLInputElement>('seed').value = String(state.seed);
  const reps = $<HTMLInputElement>('reps');
  reps.value = String(state.replications);
  reps.max = String(MAX_REPLICATIONS);
  $('description').textContent = entry.description;
  $('scenario-file').textContent = entry.file;
}

function formatValue(s: ControlSpec, v: number): string {
  switch (s.format) {
    case 'money':
      return money(v);
    case 'share':
      return `${Math.round(v * 100)}%`;
    case 'points':
      return v === 0 ? 'none' : `+${Math.round(v * 100)} points`;
    case 'month':
      return `month ${v}`;
    case 'percent':
      return `${(v * 100).toFixed(v < 0.1 && v !== 0 ? 1 : 0)}%`;
    case 'rate':
      return `${v > 0 ? '+' : ''}${(v * 100).toFixed(Math.abs(v) < 0.1 && v !== 0 ? 1 : 0)}%`;
    default:
      return String(Number(v.toPrecision(3)));
  }
}

const valueOf = (s: ControlSpec) => state.values[s.id] ?? s.initial;

function buildControls(): void {
  specs = controlsFor(entry.scenario, data.schema, [state.a, state.b]);
  // drop link values for controls this scenario does not have, and clamp the others to their sliders
  for (const id of Object.keys(state.values)) {
    const s = specs.find((x) => x.id === id);
    if (!s) delete state.values[id];
    else state.values[id] = Math.min(s.max, Math.max(s.min, state.values[id]));
  }
  const groups = new Map<string, ControlSpec[]>();
  for (const s of specs) groups.set(s.group, [...(groups.get(s.group) ?? []), s]);
  const box = $('controls');
  box.replaceChildren();
  for (const [group, list] of groups) {
    const fs = document.createElement('fieldset');
    const lg = document.createElement('legend');
    lg.textContent = group;
    fs.append(lg);
    if (/^(A|B|A = B):/.test(group)) fs.classList.add(group.startsWith('B:') ? 'strategy-B' : 'strategy-A');
    for (const s of list) {
      const row = document.createElement('div');
      row.className = 'control';
      const id = `c-${s.id.replace(/[^A-Za-z0-9_-]/g, '_')}`;
      const lab = document.createElement('label');
      lab.htmlFor = id;
      lab.textContent = s.label;
      const out = document.createElement('output');
      out.htmlFor.add(id);
      out.textContent = formatValue(s, valueOf(s));
      const input = document.createElement('input');
      input.type = 'range';
      input.id = id;
      input.dataset.control = s.id;
      input.min = String(s.min);
      input.max = String(s.max);
      input.step = String(s.step);
      input.value = String(valueOf(s));
      input.title = s.help;
      const help = document.createElement('small');
      help.className = 'help';
      help.textContent = `${s.help} File: ${formatValue(s, s.initial)}.`;
      input.addEventListener('input', () => {
        state.values = rebalance(specs, state.values, s.id, Number(input.value));
        for (const [k, v] of Object.entries(state.values)) if (specs.find((x) => x.id === k)?.initial === v) delete state.values[k];
        syncSliders();
        change();
      });
      row.append(lab, out, input, help);
      box.append(fs);
      fs.append(row);
    }
  }
}

/** Slider positions and labels from the state (allocation sliders move each other). */
function syncSliders(): void {
  for (const input of document.querySelectorAll<HTMLInputElement>('input[data-control]')) {
    const s = specs.find((x) => x.id === input.dataset.control);
    if (!s) continue;
    const v = valueOf(s);
    if (Number(input.value) !== v) input.value = String(v);
    const out = input.parentElement?.querySelector('output');
    if (out) out.textContent = formatValue(s, v);
  }
}

// ---- running ------------------------------------------------------------------------------

function link(): string {
  return `${location.href.split('#')[0]}#${encodeState(state)}`;
}

let scheduled = false;
/** Coalesces changes within one frame into one run. */
function change(): void {
  const t = performance.now();
  if (!started.has(runId + 1)) started.set(runId + 1, t);
  if (scheduled) return;
  scheduled = true;
  requestAnimationFrame(() => {
    scheduled = false;
    start();
  });
}

let currentText = '';

function start(): void {
  runId += 1;
  if (!started.has(runId)) started.set(runId, performance.now());
  history.replaceState(null, '', `#${encodeState(state)}`);
  $<HTMLInputElement>('share-link').value = link();
  document.body.classList.toggle('presenter', state.presenter);
  document.documentElement.classList.toggle('presenter', state.presenter);
  const text = editedText(entry, specs, { values: state.values, seed: state.seed, replications: state.replications, stress: state.stress }, link());
  currentText = text;
  const loaded = validateEdited(text, `${entry.id}-edited.yaml`);
  if (!loaded.ok) {
    setStatus('error', 'The edited scenario is not valid; nothing was run.');
    message(loaded.problems.map(formatProblem).join('\n'));
    return;
  }
  const plan = planRun(loaded.scenario, state.replications, agentScale, undefined, runner.size);
  if (plan.refused) {
    setStatus('refused', 'Run not started: too large for the page.');
    message(plan.refused);
    return;
  }
  const note =
    plan.pageAgentScale !== plan.fileAgentScale
      ? `To stay interactive this page simulates 1 customer for every ${plan.pageAgentScale} real ones (the file says ${plan.fileAgentScale}); money and counts are still for all real customers. \`cxsim compare\` on the downloaded file runs at the file's scale, so its numbers differ a little.`
      : '';
  message(note, 'note');
  setStatus('running', `Running ${plan.replications} replications of 2 strategies…`, { done: '0', total: String(plan.replications), workers: String(runner.size) });
  runner.start(runId, plan.scenario, [state.a, state.b], state.stress, plan.firstPass);
}

function chartWidth(id: string): number {
  return Math.max(320, Math.floor($(id).clientWidth || 600));
}

function render(v: View): void {
  const font = state.presenter ? 20 : 14;
  const perLabel = entry.scenario.meta.stepsPerYear === 12 ? 'per month' : entry.scenario.meta.stepsPerYear === 52 ? 'per week' : 'per quarter';
  const pools = Object.fromEntries(Object.entries(entry.scenario.pools).map(([id, p]) => [id, p.name ?? id]));
  $('headline').innerHTML = headlineTable(v, pools);
  $('valuation').textContent = pageValuationText(v.valuation, v.horizonMonths, entry.scenario.valuation.yearEnds);
  $('chart-equity-plot').replaceChildren(equityChart(v, { width: chartWidth('chart-equity-plot'), font }));
  $('chart-difference-plot').replaceChildren(differenceChart(v, { width: chartWidth('chart-difference-plot'), font }));
  $('chart-pools-plot').replaceChildren(poolsChart(v, { width: chartWidth('chart-pools-plot'), font }, perLabel));
  $('chart-chain-plot').replaceChildren(chainChart(v, { width: chartWidth('chart-chain-plot'), font }));
  $('chain-note').textContent = v.workforce
    ? 'Employee support raises engagement; engaged, experienced staff give better service; better service keeps customers happier.'
    : 'This scenario has no front-line workforce: service quality is fixed, so only customer satisfaction moves.';
}

function onError(id: number, text: string): void {
  if (id !== runId) return;
  setStatus('error', 'The run failed.');
  message(text);
}

function onUpdate(r: RunUpdate): void {
  if (r.runId !== runId) return; // a stale run's last words
  lastView = r.view;
  render(r.view);
  // measured after the charts are in the page and the next frame has been painted
  requestAnimationFrame(() => {
    if (r.runId !== runId) return;
    const ms = performance.now() - (started.get(r.runId) ?? performance.now());
    const full = r.done === r.total;
    const extra: Record<string, string> = { done: String(r.done), total: String(r.total) };
    if (!firstSeen.has(r.runId)) {
      firstSeen.add(r.runId);
      extra.firstMs = ms.toFixed(0);
    }
    if (full) {
      extra.fullMs = ms.toFixed(0);
      setStatus('full', `Full precision: ${r.total} replications of each strategy (${(ms / 1000).toFixed(1)} s).`, extra);
      started.delete(r.runId);
    } else {
      setStatus('partial', `Preliminary: ${r.done} of ${r.total} replications — refining…`, extra);
    }
  });
}

// ---- wiring -------------------------------------------------------------------------------

function load(s: PageState): void {
  entry = data.scenarios.find((x) => x.id === s.scenario) ?? data.scenarios[0];
  const ids = Object.keys(entry.scenario.strategies);
  state = { ...defaults(entry), ...s, scenario: entry.id };
  if (!ids.includes(state.a)) state.a = defaults(entry).a;
  if (!ids.includes(state.b)) state.b = defaults(entry).b;
  if (state.stress !== 'none' && !Object.hasOwn(entry.scenario.stresses, state.stress)) state.stress = 'none';
  agentScale = pageAgentScale(entry.scenario);
  fillSelects();
  buildControls();
  $<HTMLButtonElement>('presenter').setAttribute('aria-pressed', String(state.presenter));
  change();
}

function init(): void {
  if (data.scenarios.length === 0) {
    message('No scenarios in this page.');
    return;
  }
  const { state: fromLink, problems } = decodeState(location.hash);
  const first = data.scenarios.find((x) => x.id === fromLink.scenario) ?? data.scenarios[0];
  load({ ...defaults(first), ...fromLink, values: fromLink.values });
  if (problems.length > 0) message(`Some settings in the link were ignored: ${problems.join('; ')}.`);
  $('scenario').addEventListener('change', (e) => {
    const id = (e.target as HTMLSelectElement).value;
    const next = data.scenarios.find((x) => x.id === id)!;
    load({ ...defaults(next), presenter: state.presenter });
  });
  const pick = (key: 'a' | 'b') => (e: Event) => {
    state[key] = (e.target as HTMLSelectElement).value;
    state.values = {};
    buildControls();
    change();
  };
  $('strategy-a').addEventListener('change', pick('a'));
  $('strategy-b').addEventListener('change', pick('b'));
  $('stress').addEventListener('change', (e) => {
    state.stress = (e.target as HTMLSelectElement).value;
    change();
  });
  $('seed').addEventListener('change', (e) => {
    const v = Number((e.target as HTMLInputElement).value);
    if (Number.isInteger(v) && v >= 0) {
      state.seed = v;
      change();
    } else message(`Seed: expected a whole number ≥ 0, found "${(e.target as HTMLInputElement).value}".`);
  });
  $('reps').addEventListener('change', (e) => {
    state.replications = Number((e.target as HTMLInputElement).value);
    change();
  });
  $('presenter').addEventListener('click', () => {
    state.presenter = !state.presenter;
    document.body.classList.toggle('presenter', state.presenter);
  document.documentElement.classList.toggle('presenter', state.presenter);
    $('presenter').setAttribute('aria-pressed', String(state.presenter));
    history.replaceState(null, '', `#${encodeState(state)}`);
    $<HTMLInputElement>('share-link').value = link();
    if (lastView) render(lastView);
  });
  $('reset').addEventListener('click', () => {
    state.values = {};
    syncSliders();
    change();
  });
  $('copy-link').addEventListener('click', () => {
    const input = $<HTMLInputElement>('share-link');
    input.select();
    navigator.clipboard?.writeText(input.value).catch(() => undefined);
  });
  $('download').addEventListener('click', () => {
    const a = document.createElement('a');
    a.href = URL.createObjectURL(new Blob([currentText], { type: 'text/yaml' }));
    a.download = `${entry.id}-edited.yaml`;
    document.body.append(a);
    a.click();
    a.remove();
  });
  let resize = 0;
  window.addEventListener('resize', () => {
    clearTimeout(resize);
    resize = window.setTimeout(() => lastView && render(lastView), 150);
  });
}

/** For tests and the timing script: the edited scenario text and the last view. */
(window as unknown as { cxsim: unknown }).cxsim = { editedText: () => currentText, view: () => lastView, state: () => state };

init();
