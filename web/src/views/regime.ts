// The treaty's own process: the regime today (which treaty is in force,
// which party is suspended since when, the last data each party gave; GET
// /regime, public) and, for a party or admin, the commission's concerns (GET
// /concerns). The server computes both (ledger/regime_report.h,
// ledger/concerns.h); this only lays them out.
import { get, type Principal } from '../api';
import { el } from '../dom';
import { canSeeDetail } from './access';

interface EntryRef { type: string; occurred: string; sent: string; index?: number }
interface Exchange { as_of: string; due: string; status: string; excused_since: string | null }
interface PartyRecord {
  party: string;
  summary: string;
  last_data_exchange: EntryRef | null;
  last_notification: EntryRef | null;
  data_exchanges: Exchange[];
}
export interface RegimeView {
  treaty: string;
  as_of: string;
  state: string;
  in_force: boolean;
  in_force_from: string;
  ends_on: string;
  ended_by: string;
  records: PartyRecord[];
}
interface Concern {
  concern: string;
  status: string;
  raised_by: string;
  addressed_to: string;
  raised_on: string;
  due: string | null;
  question: string;
  provision: string;
  answers: { occurred: string; answer: string; late: boolean }[];
}

export function regimeHeadline(r: RegimeView): string {
  if (r.state === 'in_force') return `${r.treaty} is in force on ${r.as_of} (since ${r.in_force_from}; ends ${r.ends_on}).`;
  if (r.state === 'not_yet_in_force') return `${r.treaty} is not yet in force on ${r.as_of} (from ${r.in_force_from}).`;
  return `${r.treaty} is NOT IN FORCE on ${r.as_of}: it ended on ${r.ends_on} (${r.ended_by}). No limit is within or over.`;
}

function refText(r: EntryRef | null): string {
  return r === null ? 'none' : `${r.type.replaceAll('_', ' ')} of ${r.occurred} (sent ${r.sent.slice(0, 10)})`;
}

// Overdue exchanges as a count; those excused (suspension, countermeasure,
// treaty ended) with their dates.
function missed(p: PartyRecord): string {
  const out = p.data_exchanges.filter((x) => !['provided', 'late', 'not_yet_due', 'overdue'].includes(x.status));
  const overdue = p.data_exchanges.filter((x) => x.status === 'overdue').length;
  const parts = out.map((x) => `${x.as_of} ${x.status.replaceAll('_', ' ')}`);
  if (overdue > 0) parts.unshift(`${overdue} overdue`);
  return parts.length === 0 ? 'none' : parts.join('; ');
}

function regimeTable(r: RegimeView): HTMLElement {
  const head = el('thead', {}, el('tr', {}, ...['Party', 'Standing', 'Last data exchange', 'Last notification', 'Exchanges not provided'].map((h) => el('th', {}, h))));
  const rows = r.records.map((p) =>
    el('tr', { 'data-party': p.party }, el('td', {}, p.party), el('td', {}, p.summary), el('td', {}, refText(p.last_data_exchange)),
      el('td', {}, refText(p.last_notification)), el('td', {}, missed(p))));
  return el('table', { id: 'regime-table' }, head, el('tbody', {}, ...rows));
}

function concernTable(concerns: Concern[]): HTMLElement {
  if (concerns.length === 0) return el('p', { class: 'muted' }, 'No concerns raised in the commission.');
  const head = el('thead', {}, el('tr', {}, ...['Concern', 'Status', 'Raised', 'By → to', 'Provision', 'Question', 'Answer'].map((h) => el('th', {}, h))));
  const rows = concerns.map((c) =>
    el('tr', { 'data-concern': c.concern }, el('td', {}, c.concern), el('td', {}, el('span', { class: `status ${c.status}` }, c.status)),
      el('td', {}, c.raised_on), el('td', {}, `${c.raised_by} → ${c.addressed_to}`), el('td', {}, c.provision),
      el('td', {}, c.question), el('td', {}, c.answers.map((a) => `${a.occurred}${a.late ? ' (late)' : ''}: ${a.answer}`).join(' · ') || '—')));
  return el('table', { id: 'concern-table' }, head, el('tbody', {}, ...rows));
}

export async function renderRegime(container: HTMLElement, who: Principal): Promise<void> {
  const r = await get<RegimeView>('/regime');
  const parts: HTMLElement[] = [
    el('p', { id: 'regime-headline', class: r.in_force ? '' : 'error' }, regimeHeadline(r)),
    regimeTable(r),
  ];
  if (canSeeDetail(who)) {
    const { concerns } = await get<{ concerns: Concern[] }>('/concerns');
    parts.push(el('h3', {}, 'Concerns in the commission'), concernTable(concerns));
  }
  container.replaceChildren(...parts);
}
