// Who may see what in the dashboard (mirrors the server's roles).
import { hasToken, type Principal } from '../api';
import { notice } from '../dom';

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
