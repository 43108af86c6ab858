// Inspection quotas: what the treaty allows per treaty year and, where the
// server tracks inspections, how many each party has used.
import { ApiError, get, type Principal, type Treaty } from '../api';
import { el } from '../dom';
import { canSeeDetail } from './access';

interface QuotaUse {
  party: string; // the inspecting party
  quota: string;
  year: number;
  used: number;
  allowed: number;
}

async function usage(who: Principal): Promise<QuotaUse[] | null> {
  if (!canSeeDetail(who)) return null;
  try {
    return (await get<{ quotas: QuotaUse[] }>('/inspections/quotas')).quotas;
  } catch (e) {
    if (e instanceof ApiError && (e.status === 404 || e.status === 503)) return null;
    throw e;
  }
}

export async function renderInspections(container: HTMLElement, who: Principal): Promise<void> {
  const treaty = await get<Treaty>('/treaty');
  const used = await usage(who);
  const head = el('thead', {}, el('tr', {}, ...['Inspection', 'Per treaty year', 'Used', 'Source'].map((h) => el('th', {}, h))));
  const rows = treaty.quotas.map((q) => {
    const mine = (used ?? []).filter((u) => u.quota === q.id);
    const usedText = used === null ? '—' : mine.map((u) => `${u.party} ${u.used}/${u.allowed}`).join(', ') || '0';
    return el('tr', {}, el('td', {}, q.name), el('td', { class: 'num' }, String(q.per_year)), el('td', {}, usedText),
      el('td', { class: 'muted' }, q.source));
  });
  container.replaceChildren(el('table', { id: 'quota-table' }, head, el('tbody', {}, ...rows)));
  if (used === null) {
    container.append(el('p', { class: 'muted' }, canSeeDetail(who)
      ? 'This server does not track inspections yet; the quotas are the treaty\'s.'
      : 'A party or admin token shows the quotas used.'));
  }
}
