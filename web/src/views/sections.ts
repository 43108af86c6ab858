// The sections whose content depends on who is looking.
import { hasToken, type Principal } from '../api';
import { notice } from '../dom';

export interface DetailSection {
  id: string; // container element id
  render(container: HTMLElement, who: Principal): Promise<void>;
}

export function canSeeDetail(who: Principal): boolean {
  return who.role === 'party' || who.role === 'admin';
}

export function lockedNotice(container: HTMLElement, who: Principal): void {
  notice(
    container,
    hasToken() && !canSeeDetail(who)
      ? `An ${who.role} token sees only the public aggregates and tree heads.`
      : 'Enter a party or admin token to see this.',
  );
}

function pending(what: string): DetailSection['render'] {
  return async (container, who) => {
    if (!canSeeDetail(who)) return lockedNotice(container, who);
    notice(container, `${what} is not served by this server yet.`);
  };
}

export const detailSections: DetailSection[] = [
  { id: 'ledger', render: pending('The ledger') },
  { id: 'ambiguities', render: pending('Ambiguity detection') },
  { id: 'inspections', render: pending('Inspection tracking') },
  { id: 'simulation', render: pending('Simulation') },
];
