// The notification ledger: the signed tree head for everyone; for a party or
// admin, the entries page by page, each with a button that fetches its
// inclusion proof and checks it here, in the browser, with WebCrypto.
import { get, type Principal } from '../api';
import { el } from '../dom';
import { canonicalJson, utf8 } from '../jcs';
import { leafHash, toHex, verifyInclusion } from '../merkle';
import { canSeeDetail } from './access';

const PAGE = 15;

interface TreeHead {
  size: number;
  root: string;
  timestamp: string;
  log_key_id: string;
  signature: string;
}

interface Entry {
  index: number;
  leaf_hash: string;
  notification: { party: string; serial: number; type: string; occurred: string; sent: string };
}

interface EntriesPage {
  tree_size: number;
  start: number;
  entries: Entry[];
  next: number | null;
}

interface InclusionProof {
  index: number;
  tree_size: number;
  entry: unknown;
  leaf_hash: string;
  proof: string[];
  tree_head: TreeHead;
}

export interface ProofOutcome {
  ok: boolean;
  text: string;
}

// Checks an inclusion proof document entirely in the browser: the entry's
// canonical bytes give the leaf hash, the audit path gives the root, and the
// root must be the signed tree head's.
export async function checkInclusion(p: InclusionProof): Promise<ProofOutcome> {
  const entry = utf8(canonicalJson(p.entry));
  const leaf = toHex(await leafHash(entry));
  if (leaf !== p.leaf_hash.toLowerCase()) {
    return { ok: false, text: `leaf hash ${leaf.slice(0, 12)}… differs from the log's ${p.leaf_hash.slice(0, 12)}…` };
  }
  if (p.tree_size !== p.tree_head.size) return { ok: false, text: 'proof and tree head sizes differ' };
  const ok = await verifyInclusion(entry, p.index, p.tree_size, p.proof, p.tree_head.root);
  return ok
    ? { ok, text: `✓ entry ${p.index} is in the tree of ${p.tree_size} (root ${p.tree_head.root.slice(0, 16)}…, ${p.proof.length} hashes)` }
    : { ok, text: `✗ the proof does not lead to root ${p.tree_head.root.slice(0, 16)}…` };
}

function headView(h: TreeHead): HTMLElement {
  return el(
    'div',
    { id: 'tree-head', 'data-size': h.size },
    el('div', { class: 'row' }, el('strong', {}, 'Signed tree head'), `${h.size.toLocaleString('en-US')} entries · ${h.timestamp}`),
    el('div', { class: 'mono' }, `root ${h.root}`),
    el('div', { class: 'mono muted' }, `log key ${h.log_key_id}`),
  );
}

async function showProof(index: number, out: HTMLElement): Promise<void> {
  out.textContent = `checking entry ${index}…`;
  const proof = await get<InclusionProof>(`/ledger/proofs/inclusion?index=${index}`);
  const outcome = await checkInclusion(proof);
  out.textContent = outcome.text;
  out.className = outcome.ok ? 'proof-ok' : 'proof-bad';
  out.dataset.ok = String(outcome.ok);
  out.dataset.index = String(index);
}

async function renderPage(box: HTMLElement, start: number, proofOut: HTMLElement): Promise<void> {
  const page = await get<EntriesPage>(`/ledger/entries?start=${start}&limit=${PAGE}`);
  const rows = page.entries.map((e) => {
    const n = e.notification;
    const button = el('button', { type: 'button', 'data-index': e.index }, 'check proof');
    button.addEventListener('click', () => void showProof(e.index, proofOut).catch((err) => (proofOut.textContent = String(err))));
    return el('tr', {}, el('td', { class: 'num' }, String(e.index)), el('td', {}, n.party), el('td', { class: 'num' }, String(n.serial)),
      el('td', {}, n.type), el('td', {}, n.occurred), el('td', {}, button));
  });
  const nav = el('div', { class: 'row' });
  if (start > 0) {
    const prev = el('button', { type: 'button' }, '← previous');
    prev.addEventListener('click', () => void renderPage(box, Math.max(0, start - PAGE), proofOut));
    nav.append(prev);
  }
  nav.append(`${start}–${start + page.entries.length - 1} of ${page.tree_size}`);
  if (page.next !== null) {
    const next = el('button', { type: 'button' }, 'next →');
    next.addEventListener('click', () => void renderPage(box, page.next ?? 0, proofOut));
    nav.append(next);
  }
  const head = el('thead', {}, el('tr', {}, ...['#', 'Party', 'Serial', 'Type', 'Occurred', ''].map((h) => el('th', {}, h))));
  box.replaceChildren(nav, el('table', { id: 'ledger-entries' }, head, el('tbody', {}, ...rows)));
}

export async function renderLedger(container: HTMLElement, who: Principal): Promise<void> {
  try {
    const { tree_head } = await get<{ tree_head: TreeHead }>('/ledger/head');
    container.replaceChildren(headView(tree_head));
  } catch (e) {
    container.replaceChildren(el('p', { class: 'muted' }, `No signed tree head: ${(e as Error).message}`));
    if (canSeeDetail(who)) return;
  }
  if (!canSeeDetail(who)) {
    container.append(el('p', { class: 'muted' }, who.role === 'observer'
      ? 'An observer token sees only the public aggregates and tree heads.'
      : 'Enter a party or admin token to browse the entries and check their proofs.'));
    return;
  }
  const proofOut = el('p', { id: 'proof-result', class: 'muted' }, 'Pick an entry to check its inclusion proof here, in the browser.');
  const pageBox = el('div');
  container.append(pageBox, proofOut);
  await renderPage(pageBox, 0, proofOut);
}
