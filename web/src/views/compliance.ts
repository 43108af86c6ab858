// Compliance today: each party's latest published number for each limit,
// with the headroom left under the limit; when the treaty is no longer in
// force, every status says so.
import type { PublicCompliance } from '../api';
import { el, fmt } from '../dom';

function headroomBar(count: number | null, max: number): HTMLElement {
  const used = count === null ? 0 : Math.min(100, (100 * count) / max);
  const bar = el('div', { class: 'bar' }, el('span', { style: `width:${used.toFixed(1)}%` }));
  bar.classList.toggle('over', count !== null && count > max);
  return bar;
}

export function renderCompliance(container: HTMLElement, data: PublicCompliance): void {
  const table = el(
    'table',
    { class: 'compliance' },
    el('thead', {}, el('tr', {}, ...['Party', 'Limit', 'Count', 'Max', 'Headroom', '', 'Status', 'As of'].map((h) => el('th', {}, h)))),
  );
  const body = el('tbody');
  for (const p of data.parties) {
    for (const l of p.limits) {
      body.append(
        el(
          'tr',
          { 'data-party': p.party, 'data-limit': l.id, title: l.source ?? '' },
          el('td', {}, p.party),
          el('td', { title: l.name }, l.id),
          el('td', { class: 'num' }, fmt(l.count)),
          el('td', { class: 'num' }, fmt(l.max)),
          el('td', { class: 'num' }, l.headroom === null ? '—' : fmt(l.headroom)),
          el('td', {}, headroomBar(l.count, l.max)),
          el('td', {}, el('span', { class: `status ${l.status}` }, l.status.replace('_', ' '))),
          el('td', {}, l.date ?? '—'),
        ),
      );
    }
  }
  table.append(body);
  if (data.in_force === false) {
    const banner = el('p', { id: 'compliance-not-in-force', class: 'error' },
      `The treaty is not in force on ${data.today ?? 'today'}: no limit is within or over. The numbers are the last ones published.`);
    container.replaceChildren(banner, table);
    return;
  }
  container.replaceChildren(table);
}
