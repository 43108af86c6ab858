// Declarations in escrow (docs/escrow.md): each commitment, the stages
// revealed, each designation with its inputs and the detection probability
// it reached, and every opened leaf checked again in this browser: its
// salt and item give its leaf hash, and its inclusion proof leads to the
// committed root (WebCrypto SHA-256, the RFC 9162 tree of merkle.ts, the
// RFC 8785 encoding of jcs.ts).
import { ApiError, get, type Principal } from '../api';
import { el, notice } from '../dom';
import { canonicalJson, utf8 } from '../jcs';
import { fromHex, verifyInclusion } from '../merkle';
import { canSeeDetail } from './access';

interface Detection {
  defects: number;
  probability: number;
}

interface Designation {
  designation: string;
  inspector: string;
  openings: number;
  committed: string[];
  values: { party: string; value: string }[];
  beacon_round?: number;
  seed?: string;
  leaves: number[];
  verified: number[];
  opened_at: number[];
  detection: Detection[];
}

interface EscrowReport {
  escrow: string;
  party: string;
  root: string;
  leaves: number;
  stages: { stage: string; index: number; by: string; values: string[]; opened: number; verified: number }[];
  revealed: number;
  designations: Designation[];
}

interface Audit {
  as_of: string;
  escrows: EscrowReport[];
  findings: { index: number; party: string; kind: string; message: string }[];
}

interface Opening {
  index: number;
  salt: string;
  item: unknown;
  leaf: string;
  proof: string[];
}

const LEAF_TAG = utf8('verity-escrow-leaf/1');

// True if the opening's salt and item give its leaf and its proof leads to `root`.
export async function checkOpening(o: Opening, leaves: number, root: string): Promise<boolean> {
  const salt = fromHex(o.salt);
  const item = utf8(canonicalJson(o.item));
  const entry = new Uint8Array(LEAF_TAG.length + salt.length + item.length);
  entry.set(LEAF_TAG, 0);
  entry.set(salt, LEAF_TAG.length);
  entry.set(item, LEAF_TAG.length + salt.length);
  return verifyInclusion(entry, o.index, leaves, o.proof, root);
}

// Openings checked in the browser: [passed, total] over the given log entries.
async function checkEntries(indices: number[], e: EscrowReport): Promise<[number, number]> {
  let passed = 0;
  let total = 0;
  for (const index of indices) {
    const entry = await get<{ notification: { body: { openings: Opening[] } } }>(`/ledger/entries/${index}`);
    for (const o of entry.notification.body.openings) {
      total += 1;
      if (await checkOpening(o, e.leaves, e.root)) passed += 1;
    }
  }
  return [passed, total];
}

function detectionText(d: Detection[]): string {
  return d.map((x) => `${x.defects} false: ${(100 * x.probability).toFixed(1)}%`).join(', ');
}

async function renderEscrow(e: EscrowReport): Promise<HTMLElement> {
  const stages = e.stages.map((s) => el('tr', {}, el('td', {}, s.stage), el('td', {}, `${s.by} = ${s.values.join(', ')}`),
    el('td', { class: 'num' }, `${s.verified}/${s.opened}`)));
  const [stagePassed, stageTotal] = await checkEntries(e.stages.map((s) => s.index), e);
  const designations = [];
  for (const d of e.designations) {
    const [passed, total] = await checkEntries(d.opened_at, e);
    designations.push(el('tr', { 'data-designation': d.designation },
      el('td', {}, d.designation),
      el('td', {}, `${d.committed.join(' + ')} committed; ${d.values.length}/2 values revealed` +
        (d.beacon_round !== undefined ? `; drand round ${d.beacon_round}` : '')),
      el('td', { class: 'mono' }, d.seed ? `${d.seed.slice(0, 16)}… → ${d.leaves.length} leaves` : 'not drawn'),
      el('td', { class: 'num', 'data-browser-verified': `${passed}/${total}` }, `${d.verified.length}/${d.leaves.length} (browser: ${passed}/${total})`),
      el('td', {}, detectionText(d.detection))));
  }
  return el('article', { class: 'escrow', 'data-escrow': e.escrow },
    el('h3', {}, `${e.escrow} (${e.party}): ${e.leaves} leaves, ${e.revealed} revealed`),
    el('p', { class: 'mono' }, `root ${e.root}`),
    el('table', {}, el('thead', {}, el('tr', {}, ...['Stage', 'Selects', 'Verified'].map((h) => el('th', {}, h)))),
      el('tbody', {}, ...stages)),
    el('p', { 'data-stage-browser-verified': `${stagePassed}/${stageTotal}` }, `Stage openings checked in this browser: ${stagePassed} of ${stageTotal}`),
    el('table', {}, el('thead', {}, el('tr', {}, ...['Designation', 'Inputs', 'Seed', 'Opened and verified', 'Detection probability'].map((h) => el('th', {}, h)))),
      el('tbody', {}, ...designations)));
}

export async function renderEscrows(container: HTMLElement, who: Principal): Promise<void> {
  if (!canSeeDetail(who)) return notice(container, 'A party or admin token shows the declarations in escrow.');
  let audit: Audit;
  try {
    audit = await get<Audit>('/escrow');
  } catch (e) {
    if (e instanceof ApiError && (e.status === 404 || e.status === 503)) return notice(container, 'This server has no escrow audit.');
    throw e;
  }
  if (audit.escrows.length === 0) return notice(container, 'No declaration is in escrow in this ledger.');
  const parts: HTMLElement[] = [];
  for (const e of audit.escrows) parts.push(await renderEscrow(e));
  const findings = audit.findings.map((f) => el('li', {}, `entry ${f.index} (${f.party}): ${f.kind}: ${f.message}`));
  container.replaceChildren(...parts, el('p', { id: 'escrow-findings' }, `${audit.findings.length} findings as of ${audit.as_of}`),
    el('ul', {}, ...findings));
}
