// The witnessing panel: the newest checkpoint (GET /checkpoint), each
// policy witness that cosigned it and when, the log signature and every
// cosignature verified here with WebCrypto (cosigned.ts), and a warning
// when the quorum is not met. The policy is the one the server is
// configured with (/api/v1/ledger/witnessing), beside the server's report
// of its last collection; an observer who does not trust the server checks
// with its own copy of the policy (verity ledger check-checkpoint).
import { get } from '../api';
import { checkCheckpoint, parsePolicy, type Verdict } from '../cosigned';
import { el, notice } from '../dom';

interface WitnessOutcome {
  name: string;
  ok: boolean;
  error?: string;
}
interface Witnessing {
  policy: string | null;
  last: { size?: number; witnesses?: WitnessOutcome[]; error?: string } | null;
}

function when(ts: number): string {
  return new Date(ts * 1000).toISOString().replace('.000Z', 'Z');
}

function table(verdict: Verdict, names: string[], last: Witnessing['last']): HTMLElement {
  const rows = names.map((name) => {
    const c = verdict.cosigned.find((x) => x.witness === name);
    const report = last?.witnesses?.find((w) => w.name === name);
    return el('tr', { 'data-witness': name },
      el('td', {}, name),
      el('td', { class: c ? 'ok' : 'error' }, c ? 'cosigned (verified here)' : 'no cosignature'),
      el('td', {}, c ? when(c.timestamp) : ''),
      el('td', { class: 'muted' }, report && !report.ok ? (report.error ?? '') : ''));
  });
  return el('table', {},
    el('thead', {}, el('tr', {}, el('th', {}, 'witness'), el('th', {}, 'checkpoint ' + verdict.size),
      el('th', {}, 'cosigned at'), el('th', {}, 'last attempt'))),
    el('tbody', {}, ...rows));
}

export async function renderWitnessing(box: HTMLElement): Promise<Verdict | null> {
  const info = await get<Witnessing>('/ledger/witnessing');
  if (!info.policy) {
    notice(box, 'No witness policy is configured on this server: checkpoints are signed by the log alone.');
    return null;
  }
  const res = await fetch('/checkpoint');
  if (!res.ok) {
    notice(box, `No checkpoint yet (HTTP ${res.status}).`);
    return null;
  }
  const policy = await parsePolicy(info.policy);
  const verdict = await checkCheckpoint(policy, await res.text());
  const status = verdict.quorumMet
    ? el('p', { class: 'ok', id: 'witnessing-status' },
      `Checkpoint ${verdict.size} of ${verdict.origin}: log signature and quorum ${policy.quorum} verified in this browser.`)
    : el('p', { class: 'error', role: 'alert', id: 'witnessing-status' },
      `Warning: checkpoint ${verdict.size} is NOT witnessed as the policy requires: ${verdict.missing}. ` +
      'Do not rely on it until both parties\' witnesses have cosigned.');
  box.replaceChildren(status, table(verdict, policy.witnesses.map((w) => w.name), info.last),
    el('p', { class: 'muted' }, `root ${verdict.root}`));
  box.dataset.quorum = verdict.quorumMet ? 'met' : 'not-met';
  return verdict;
}
