// After the treaty: the upload potential of a shipped declaration (a chart
// of warheads that could be added month by month, with the low and high
// cases, and the per-type table with every assumption's source), and the
// shipped declarations counted under each shipped treaty side by side.
import { Chart, type ChartDataset } from 'chart.js';
import { get } from '../api';
import { el, fmt } from '../dom';
import { STATIC_LINE } from '../charts';

interface Ranged {
  value: number;
  low?: number;
  high?: number;
  source: string;
}

interface UploadType {
  type: string;
  name: string;
  current_warheads: number;
  added_warheads: number;
  added_vehicles: number;
  months_to_max: number;
  reached: boolean;
  capped?: boolean;
  pool_capped?: string | null;
  low?: { added_warheads: number };
  high?: { added_warheads: number };
}

interface PoolUse {
  name: string;
  warheads: number;
  used: number;
  capped: boolean;
}

interface TimelinePoint {
  month: number;
  warheads: number;
  vehicles: number;
}

export interface UploadAnswer {
  declaration: string;
  party: string;
  as_of: string;
  types: UploadType[];
  totals: UploadType & { low?: { added_warheads: number; months_to_max: number }; high?: { added_warheads: number; months_to_max: number } };
  timeline: TimelinePoint[];
  timeline_low?: TimelinePoint[];
  timeline_high?: TimelinePoint[];
  pools?: PoolUse[];
  assumptions: {
    origin: string;
    source: string;
    types: Record<string, Record<string, Ranged>>;
    pools?: Record<string, { types: string[]; warheads: Ranged }>;
  };
}

interface CompareCell {
  count: number;
  max: number;
  headroom: number;
  status: string;
  count_low?: number;
  count_high?: number;
}

export interface CompareAnswer {
  treaties: { id: string; name: string }[];
  rows: { party: string; as_of: string; limit: string; name: string; cells: Record<string, CompareCell | null> }[];
}

interface Catalogue {
  declarations: { name: string; party: string; as_of: string }[];
  treaties: string[];
}

export const analysisCharts: Record<string, Chart> = {};

type Point = { x: number; y: number };

function series(label: string, points: TimelinePoint[], colour: string, dashed: boolean): ChartDataset<'line', Point[]> {
  return {
    label,
    data: points.map((p) => ({ x: p.month, y: p.warheads })),
    borderColor: colour,
    backgroundColor: colour,
    borderDash: dashed ? [5, 4] : [],
    pointRadius: dashed ? 0 : 2.5,
    stepped: false,
  };
}

function uploadChart(canvas: HTMLCanvasElement, u: UploadAnswer): Chart<'line', Point[]> {
  const datasets = [series('central', u.timeline, '#1f5fbf', false)];
  if (u.timeline_low) datasets.push(series('low', u.timeline_low, '#7a8aa0', true));
  if (u.timeline_high) datasets.push(series('high', u.timeline_high, '#c0392b', true));
  return new Chart<'line', Point[]>(canvas, {
    type: 'line',
    data: { datasets },
    options: {
      ...STATIC_LINE,
      scales: {
        x: { type: 'linear', title: { display: true, text: 'months from the declaration' }, ticks: { stepSize: 1 } },
        y: { beginAtZero: true, title: { display: true, text: 'warheads added' } },
      },
      plugins: { legend: { position: 'bottom' } },
    },
  });
}

function range(central: number, low?: number, high?: number): string {
  return low === undefined || high === undefined ? fmt(central) : `${fmt(central)} (${fmt(low)}–${fmt(high)})`;
}

function typeTable(u: UploadAnswer): HTMLElement {
  const head = ['Type', 'Now', 'Could add (low–high)', 'Vehicles added', 'Months to max', 'Limited by'];
  const body = el('tbody');
  for (const t of u.types) {
    body.append(
      el(
        'tr',
        { 'data-type': t.type },
        el('td', { title: t.type }, t.name),
        el('td', { class: 'num' }, fmt(t.current_warheads)),
        el('td', { class: 'num' }, range(t.added_warheads, t.low?.added_warheads, t.high?.added_warheads)),
        el('td', { class: 'num' }, fmt(t.added_vehicles)),
        el('td', { class: 'num' }, t.reached ? String(t.months_to_max) : `> ${t.months_to_max}`),
        el('td', { class: 'limit' }, t.pool_capped ? `shared ${t.pool_capped}` : t.capped ? 'its warheads available' : 'loading'),
      ),
    );
  }
  const tt = u.totals;
  body.append(
    el(
      'tr',
      { class: 'total' },
      el('td', {}, 'Total'),
      el('td', {}, ''),
      el('td', { class: 'num' }, range(tt.added_warheads, tt.low?.added_warheads, tt.high?.added_warheads)),
      el('td', { class: 'num' }, fmt(tt.added_vehicles)),
      el('td', { class: 'num' }, String(tt.months_to_max)),
      el('td', {}, ''),
    ),
  );
  return el('table', { class: 'upload' }, el('thead', {}, el('tr', {}, ...head.map((h) => el('th', {}, h)))), body);
}

// Every assumption with its value, range and source, in a collapsed list.
function assumptionList(u: UploadAnswer): HTMLElement {
  const list = el('ul', { class: 'sources' });
  for (const [type, fields] of Object.entries(u.assumptions.types)) {
    for (const [field, v] of Object.entries(fields)) {
      list.append(el('li', {}, el('code', {}, `${type}.${field}`), ` = ${range(v.value, v.low, v.high)} — `, v.source));
    }
  }
  for (const [name, p] of Object.entries(u.assumptions.pools ?? {})) {
    const v = p.warheads;
    list.append(
      el('li', {}, el('code', {}, `pools.${name}.warheads`), ` (${p.types.join(', ')}) = ${range(v.value, v.low, v.high)} — `, v.source),
    );
  }
  return el('details', {}, el('summary', {}, `Assumptions (${u.assumptions.origin}) and their sources`), list);
}

// How the shared pools bound the central case, as a sentence.
function poolText(u: UploadAnswer): string {
  return (u.pools ?? [])
    .map((p) => ` The shared ${p.name} of ${fmt(p.warheads)} warheads ${p.capped ? 'runs out: it is the binding limit' : `is not exhausted (${fmt(p.used)} used)`}.`)
    .join('');
}

async function showUpload(box: HTMLElement, name: string): Promise<void> {
  const u = await get<UploadAnswer>(`/analysis/upload?declaration=${encodeURIComponent(name)}`);
  const canvas = el('canvas', { id: 'upload-chart', 'aria-label': 'warheads that could be added, by month' });
  box.replaceChildren(
    el('p', { id: 'upload-summary' },
      `${u.party} as declared on ${u.as_of}: ${range(u.totals.added_warheads, u.totals.low?.added_warheads, u.totals.high?.added_warheads)} ` +
      `warheads and ${fmt(u.totals.added_vehicles)} delivery vehicles could be added, the central case in ${u.totals.months_to_max} months.` +
      poolText(u)),
    el('div', { class: 'canvas-box' }, canvas),
    typeTable(u),
    assumptionList(u),
  );
  analysisCharts.upload?.destroy();
  analysisCharts.upload = uploadChart(canvas, u);
}

export async function renderUpload(container: HTMLElement): Promise<void> {
  const catalogue = await get<Catalogue>('/analysis/catalogue');
  const select = el('select', { id: 'upload-declaration', 'aria-label': 'declaration' },
    ...catalogue.declarations.map((d) => el('option', { value: d.name }, `${d.party} · ${d.as_of}`)));
  const box = el('div', { id: 'upload-result' });
  container.replaceChildren(el('div', { class: 'row' }, el('label', { for: 'upload-declaration' }, 'Declaration'), select), box);
  select.addEventListener('change', () => void showUpload(box, select.value));
  const us = catalogue.declarations.find((d) => d.party === 'US');
  if (us) select.value = us.name;
  if (select.value) await showUpload(box, select.value);
}

function cell(c: CompareCell | null): HTMLElement {
  if (c === null) return el('td', { class: 'muted' }, 'absent');
  const count = c.count_low === undefined ? fmt(c.count) : `${fmt(c.count)} (${fmt(c.count_low)}–${fmt(c.count_high)})`;
  return el(
    'td',
    { class: 'num', 'data-status': c.status },
    `${count} / ${fmt(c.max)} `,
    el('span', { class: `status ${c.status}` }, c.status.replace('_', ' ')),
  );
}

export async function renderCompare(container: HTMLElement): Promise<CompareAnswer> {
  const c = await get<CompareAnswer>('/analysis/compare');
  const head = el('tr', {}, el('th', {}, 'Declaration'), el('th', {}, 'Limit'), ...c.treaties.map((t) => el('th', { 'data-treaty': t.id }, t.name)));
  const body = el('tbody');
  for (const r of c.rows) {
    body.append(
      el(
        'tr',
        { 'data-party': r.party, 'data-limit': r.limit },
        el('td', {}, `${r.party} ${r.as_of}`),
        el('td', { title: r.name }, r.limit),
        ...c.treaties.map((t) => cell(r.cells[t.id] ?? null)),
      ),
    );
  }
  container.replaceChildren(
    el('table', { class: 'compare' }, el('thead', {}, head), body),
    el('p', { class: 'muted' }, 'Each cell: count / limit, judged on the declaration\'s date. Treaty files: data/treaties/.'),
  );
  return c;
}
