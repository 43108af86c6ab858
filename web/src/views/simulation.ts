// Monte Carlo simulation runs: a form starts one on the server, a progress
// bar follows it, and a chart shows the chance of detection building up over
// the inspections of a treaty year.
import { Chart, type ChartDataset } from 'chart.js';
import { get, post, type Principal } from '../api';
import { el } from '../dom';
import { canSeeDetail, lockedNotice } from './access';
import { STATIC_LINE } from '../charts';

const POLL_MS = 200;

interface Result {
  trials: number;
  seed: number;
  detection_probability: number;
  interval: { low: number; high: number };
  schedule: { kind: string; month: number }[];
  first_detection: number[];
}

interface Job {
  id: string;
  state: 'running' | 'done' | 'failed';
  progress: number;
  result?: Result;
  error?: { code: string; message: string };
}

export const simulationCharts: Chart[] = [];

function cumulative(r: Result): { x: number; y: number }[] {
  let sum = 0;
  return r.first_detection.map((n, i) => {
    sum += n;
    return { x: i + 1, y: sum / r.trials };
  });
}

function renderResult(box: HTMLElement, r: Result): void {
  const pct = (v: number) => `${(100 * v).toFixed(1)}%`;
  const canvas = el('canvas', { id: 'sim-chart' });
  box.replaceChildren(
    el('p', { id: 'sim-summary' }, `Detected within the year in ${pct(r.detection_probability)} of ${r.trials.toLocaleString('en-US')} trials ` +
      `(95% interval ${pct(r.interval.low)}–${pct(r.interval.high)}, seed ${r.seed}).`),
    el('div', { class: 'canvas-box' }, canvas),
  );
  const data: ChartDataset<'line', { x: number; y: number }[]> = {
    label: 'P(detected by this inspection)', data: cumulative(r), borderColor: '#2e7d32', backgroundColor: '#2e7d32', pointRadius: 3,
  };
  simulationCharts.splice(0).forEach((c) => c.destroy());
  simulationCharts.push(new Chart(canvas, {
    type: 'line',
    data: { datasets: [data] },
    options: {
      ...STATIC_LINE,
      scales: {
        x: { type: 'linear', title: { display: true, text: 'inspection of the treaty year' }, ticks: { stepSize: 1 } },
        y: { min: 0, max: 1, title: { display: true, text: 'cumulative detection probability' } },
      },
      plugins: { legend: { display: false } },
    },
  }));
}

async function follow(id: string, bar: HTMLProgressElement, label: HTMLElement, out: HTMLElement): Promise<void> {
  for (;;) {
    const job = await get<Job>(`/simulations/${id}`);
    bar.value = Math.round(100 * job.progress);
    label.textContent = `${bar.value}%`;
    if (job.state === 'done' && job.result) return renderResult(out, job.result);
    if (job.state === 'failed') {
      out.textContent = `${job.error?.code}: ${job.error?.message}`;
      return;
    }
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}

export async function renderSimulation(container: HTMLElement, who: Principal): Promise<void> {
  if (!canSeeDetail(who)) return lockedNotice(container, who);
  const { scenarios } = await get<{ scenarios: string[] }>('/simulations/scenarios');
  const scenario = el('select', { id: 'sim-scenario' }, ...scenarios.map((s) => el('option', { value: s }, s)));
  const trials = el('input', { id: 'sim-trials', type: 'number', min: 1000, max: 5000000, step: 1000, value: 200000 });
  const seed = el('input', { id: 'sim-seed', type: 'number', min: 0, value: 1 });
  const start = el('button', { type: 'submit', id: 'sim-start' }, 'Run');
  const bar = el('progress', { id: 'sim-progress', max: 100, value: 0 });
  const label = el('span', { id: 'sim-progress-label' }, '0%');
  const out = el('div', { id: 'sim-result' });
  const form = el('form', { id: 'sim-form' },
    el('div', { class: 'row' }, el('label', {}, 'Scenario ', scenario), el('label', {}, 'Trials ', trials), el('label', {}, 'Seed ', seed), start),
    el('div', { class: 'row' }, bar, label));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    start.disabled = true;
    out.replaceChildren();
    void post<{ id: string }>('/simulations', { scenario: scenario.value, trials: Number(trials.value), seed: Number(seed.value) })
      .then((job) => follow(job.id, bar, label, out))
      .catch((e) => (out.textContent = String(e.message ?? e)))
      .finally(() => (start.disabled = false));
  });
  container.replaceChildren(form, out);
}
