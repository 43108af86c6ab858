// The exercise played into this ledger (verity exercise run): each scripted
// deviation on its own row of a timeline, from the day the truth departed
// to the inspections whose findings revealed it, and the report's summary.
import { Chart, ScatterController, PointElement, LinearScale, Legend, Tooltip } from 'chart.js';
import { ApiError, get, type Principal } from '../api';
import { el, notice } from '../dom';
import { STATIC_LINE } from '../charts';
import { canSeeDetail } from './access';

Chart.register(ScatterController, PointElement, LinearScale, Legend, Tooltip);

interface ExerciseAmbiguity {
  kind: string;
  message: string;
  deviation: string | null;
}

interface ExerciseInspection {
  date: string;
  kind: string;
  site: string;
  ambiguities: ExerciseAmbiguity[];
}

interface ExerciseDeviation {
  id: string;
  kind: string;
  from: string;
  note: string;
  detectable: boolean;
  detected: boolean;
  detections: number;
  first_detected?: { date: string; days_after: number; kind: string; site: string };
}

export interface ExerciseReport {
  format: string;
  script: { name: string; teaching_point: string; seed: number };
  start: string;
  policy: { choice: string; type_one: number; type_two: number; detection_probability: number };
  years: { treaty_year: number; planned_detection: number | null }[];
  inspections: ExerciseInspection[];
  deviations: ExerciseDeviation[];
}

export const exerciseCharts: Chart[] = [];

const day = (iso: string): number => Date.parse(`${iso}T00:00:00Z`);

// The timeline's points: row 0 holds every inspection, row i + 1 deviation i.
export function timelinePoints(r: ExerciseReport): Record<string, { x: number; y: number }[]> {
  const row = new Map(r.deviations.map((d, i) => [d.id, i + 1]));
  const out: Record<string, { x: number; y: number }[]> = { inspections: [], departs: [], caught: [] };
  for (const i of r.inspections) {
    out.inspections.push({ x: day(i.date), y: 0 });
    for (const id of new Set(i.ambiguities.map((a) => a.deviation).filter((d): d is string => d !== null))) {
      out.caught.push({ x: day(i.date), y: row.get(id) ?? 0 });
    }
  }
  for (const d of r.deviations) out.departs.push({ x: day(d.from), y: row.get(d.id) ?? 0 });
  return out;
}

function timeline(r: ExerciseReport): HTMLElement {
  const pts = timelinePoints(r);
  const canvas = el('canvas', { id: 'exercise-timeline', 'data-caught': pts.caught.length });
  const labels = ['inspections', ...r.deviations.map((d) => d.id)];
  exerciseCharts.splice(0).forEach((c) => c.destroy());
  exerciseCharts.push(new Chart(canvas, {
    type: 'scatter',
    data: {
      datasets: [
        { label: 'inspection', data: pts.inspections, pointStyle: 'line', pointRotation: 90, pointRadius: 6, borderColor: '#888' },
        { label: 'truth departs', data: pts.departs, pointStyle: 'triangle', pointRadius: 7, backgroundColor: '#e69f00' },
        { label: 'caught', data: pts.caught, pointStyle: 'rectRot', pointRadius: 7, backgroundColor: '#d55e00' },
      ],
    },
    options: {
      ...STATIC_LINE,
      scales: {
        x: { type: 'linear', ticks: { callback: (v) => new Date(Number(v)).toISOString().slice(0, 7) } },
        y: { type: 'linear', min: -0.5, max: labels.length - 0.5, reverse: true,
          ticks: { stepSize: 1, callback: (v) => labels[Number(v)] ?? '' } },
      },
    },
  }));
  return el('figure', { class: 'chart' }, el('figcaption', {}, 'Detection timeline'), el('div', { class: 'canvas-box' }, canvas));
}

function outcome(d: ExerciseDeviation): HTMLElement {
  const f = d.first_detected;
  const text = f ? `caught ${f.date} (${f.days_after} days later) by ${f.kind} at ${f.site}; ${d.detections} ambiguities`
    : d.detectable ? 'not caught' : 'not caught: no inspection record can show it';
  return el('tr', { 'data-deviation': d.id, 'data-detected': String(d.detected) },
    el('td', {}, d.id), el('td', {}, d.kind), el('td', {}, d.from), el('td', {}, text), el('td', { class: 'muted' }, d.note));
}

export async function renderExercise(container: HTMLElement, who: Principal): Promise<void> {
  if (!canSeeDetail(who)) return notice(container, 'A party or admin token shows the exercise played into this ledger.');
  let r: ExerciseReport;
  try {
    r = await get<ExerciseReport>('/exercise');
  } catch (e) {
    if (e instanceof ApiError && e.status === 404) return notice(container, 'No exercise has been played into this ledger.');
    throw e;
  }
  const head = el('thead', {}, el('tr', {}, ...['Deviation', 'Kind', 'From', 'Outcome', 'Note'].map((h) => el('th', {}, h))));
  container.replaceChildren(
    el('p', {}, el('strong', {}, r.script.name), ` · ${r.policy.choice} designation, seed ${r.script.seed}, from ${r.start}`),
    el('p', { class: 'muted' }, r.script.teaching_point),
    timeline(r),
    el('table', { id: 'exercise-table' }, head, el('tbody', {}, ...r.deviations.map(outcome))),
  );
}
