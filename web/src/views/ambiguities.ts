// Ambiguities the ledger recorded: notifications that were well-formed and
// signed but did not add up (unknown item, impossible move, late, ...).
import { get, type Principal } from '../api';
import { el, notice } from '../dom';
import { canSeeDetail, lockedNotice } from './access';

interface Ambiguity {
  index: number;
  party: string;
  kind: string;
  occurred: string;
  message: string;
}

export async function renderAmbiguities(container: HTMLElement, who: Principal): Promise<void> {
  if (!canSeeDetail(who)) return lockedNotice(container, who);
  const { ambiguities } = await get<{ ambiguities: Ambiguity[] }>('/ambiguities');
  if (ambiguities.length === 0) return notice(container, 'No ambiguities: every notification adds up.');
  const head = el('thead', {}, el('tr', {}, ...['Entry', 'Party', 'Kind', 'Occurred', 'What'].map((h) => el('th', {}, h))));
  const rows = ambiguities.map((a) =>
    el('tr', {}, el('td', { class: 'num' }, String(a.index)), el('td', {}, a.party), el('td', {}, a.kind.replaceAll('_', ' ')),
      el('td', {}, a.occurred), el('td', {}, a.message)));
  container.replaceChildren(el('p', { class: 'muted' }, `${ambiguities.length} recorded`), el('table', { id: 'ambiguity-table' }, head, el('tbody', {}, ...rows)));
}
