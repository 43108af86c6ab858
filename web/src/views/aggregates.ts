// Both parties' published aggregates against each treaty limit over time:
// one chart per limit, a line per party, the limit as a dashed line from the
// date it binds. Unpublished numbers are gaps, never zeros.
import {
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  type ChartDataset,
} from 'chart.js';
import type { Aggregate, Limit, Treaty } from '../api';
import { el } from '../dom';
import { STATIC_LINE } from '../charts';

Chart.register(LineController, LineElement, PointElement, LinearScale, CategoryScale, Legend, Tooltip);

type Point = { x: number; y: number | null };
type LimitKey = 'deployed' | 'warheads' | 'launchers';

export const PARTY_COLOURS: Record<string, string> = { US: '#1f5fbf', RU: '#c0392b' };
const DAY_MS = 86_400_000;

export function dateMs(iso: string): number {
  return Date.parse(`${iso}T00:00:00Z`);
}

function partySeries(rows: Aggregate[], party: string, key: LimitKey): Point[] {
  return rows
    .filter((r) => r.party === party)
    .sort((a, b) => a.date.localeCompare(b.date))
    .map((r) => ({ x: dateMs(r.date), y: r[key] }));
}

function limitLine(treaty: Treaty, limit: Limit): ChartDataset<'line', Point[]> {
  return {
    label: `limit ${limit.max.toLocaleString('en-US')}`,
    data: [
      { x: dateMs(treaty.dates.limits_binding), y: limit.max },
      { x: dateMs(treaty.dates.expiry) - DAY_MS, y: limit.max },
    ],
    borderColor: '#555',
    borderDash: [6, 4],
    borderWidth: 1.5,
    pointRadius: 0,
  };
}

export function renderLimitChart(
  canvas: HTMLCanvasElement,
  treaty: Treaty,
  limit: Limit,
  rows: Aggregate[],
  parties: string[],
): Chart<'line', Point[]> {
  const key = limit.id as LimitKey;
  const datasets: ChartDataset<'line', Point[]>[] = parties.map((party) => ({
    label: `${party} published`,
    data: partySeries(rows, party, key),
    borderColor: PARTY_COLOURS[party] ?? '#333',
    backgroundColor: PARTY_COLOURS[party] ?? '#333',
    spanGaps: false,
    pointRadius: 3,
    tension: 0,
  }));
  datasets.push(limitLine(treaty, limit));
  return new Chart<'line', Point[]>(canvas, {
    type: 'line',
    data: { datasets },
    options: {
      ...STATIC_LINE,
      scales: {
        x: {
          type: 'linear',
          // One tick on 1 January of every other year.
          afterBuildTicks: (axis) => {
            const first = new Date(axis.min).getUTCFullYear() + 1;
            const last = new Date(axis.max).getUTCFullYear();
            axis.ticks = [];
            for (let y = first; y <= last; y += 2) axis.ticks.push({ value: Date.UTC(y, 0, 1) });
          },
          ticks: { callback: (v) => new Date(Number(v)).getUTCFullYear().toString() },
        },
        y: { beginAtZero: false },
      },
      plugins: {
        legend: { position: 'bottom' },
        tooltip: {
          callbacks: {
            title: (items) => new Date(items[0].parsed.x ?? 0).toISOString().slice(0, 10),
          },
        },
      },
    },
  });
}

// Renders one chart per limit into `container`; returns them by limit id.
export function renderAggregates(
  container: HTMLElement,
  treaty: Treaty,
  rows: Aggregate[],
): Record<string, Chart<'line', Point[]>> {
  const parties = [...new Set(rows.map((r) => r.party))].sort().reverse();
  const charts: Record<string, Chart<'line', Point[]>> = {};
  container.replaceChildren();
  for (const limit of treaty.limits) {
    const canvas = el('canvas', { id: `chart-${limit.id}`, 'aria-label': limit.name });
    container.append(
      el('figure', { class: 'chart' }, el('figcaption', {}, limit.name), el('div', { class: 'canvas-box' }, canvas)),
    );
    charts[limit.id] = renderLimitChart(canvas, treaty, limit, rows, parties);
  }
  return charts;
}
