// A party's console: compose a notification, sign it in the browser with
// the party's key (opened from a local file, never sent), submit it, and
// check on the spot that what the ledger stored is in its signed tree.
import { ApiError, post, type Principal } from '../api';
import { el, notice } from '../dom';
import { FORMS, importKeyFile, makeDraft, signDraft, type PartyKey } from '../console';
import { checkInclusion } from './ledger';

interface Submitted {
  leaf_index: number;
  leaf_hash: string;
  inclusion_proof: string[];
  tree_head: { size: number; root: string; timestamp: string; log_key_id: string; signature: string };
  ambiguities: { kind: string; message: string }[];
}

function field(id: string, label: string, input: HTMLElement): HTMLElement {
  return el('label', { for: id, class: 'field' }, label, input);
}

function bodyFields(type: string): HTMLElement[] {
  return FORMS[type].map(({ field: f, kind }) =>
    field(`console-body-${f}`, f, el('input', { id: `console-body-${f}`, name: f, type: kind === 'int' ? 'number' : 'text' })));
}

async function submit(form: HTMLFormElement, party: string, key: PartyKey | null, out: HTMLElement): Promise<void> {
  const value = (id: string) => (form.querySelector(`#${id}`) as HTMLInputElement).value;
  if (key === null) return notice(out, 'Open the party\'s key file first.', 'error');
  const type = value('console-type');
  const values: Record<string, string> = {};
  for (const { field: f } of FORMS[type]) values[f] = value(`console-body-${f}`);
  let signed;
  try {
    signed = await signDraft(makeDraft(party, type, value('console-serial'), value('console-occurred'), values, new Date()), key);
  } catch (e) {
    return notice(out, String(e instanceof Error ? e.message : e), 'error');
  }
  let r: Submitted;
  try {
    r = await post<Submitted>('/notifications', signed);
  } catch (e) {
    out.dataset.outcome = 'refused';
    return notice(out, e instanceof ApiError ? `refused: ${e.code}: ${e.message}` : String(e), 'error');
  }
  const proof = await checkInclusion({ index: r.leaf_index, tree_size: r.tree_head.size, entry: signed,
    leaf_hash: r.leaf_hash, proof: r.inclusion_proof, tree_head: r.tree_head });
  out.dataset.outcome = proof.ok ? 'stored' : 'unproven';
  out.dataset.index = String(r.leaf_index);
  out.replaceChildren(
    el('p', {}, `stored as entry ${r.leaf_index} (tree of ${r.tree_head.size})`),
    el('p', { class: proof.ok ? 'ok' : 'error', id: 'console-proof' }, proof.text),
    ...r.ambiguities.map((a) => el('p', { class: 'muted' }, `ambiguity ${a.kind}: ${a.message}`)),
  );
  (form.querySelector('#console-serial') as HTMLInputElement).value = String(signed.serial + 1);
}

export async function renderConsole(container: HTMLElement, who: Principal): Promise<void> {
  if (who.role !== 'party' || who.party === null) return notice(container, 'A party token opens the party\'s console.');
  const party = who.party;
  let key: PartyKey | null = null;
  const keyState = el('span', { id: 'console-key-state', class: 'muted' }, 'no key opened');
  const keyInput = el('input', { id: 'console-key', type: 'file', accept: '.json,.key,application/json' });
  keyInput.addEventListener('change', async () => {
    key = null;
    try {
      const file = keyInput.files?.[0];
      if (!file) return;
      key = await importKeyFile(await file.text(), party);
      keyState.textContent = `key ${key.keyId} of ${party} (held in this page only)`;
      keyState.className = 'ok';
    } catch (e) {
      keyState.textContent = String(e instanceof Error ? e.message : e);
      keyState.className = 'error';
    }
  });
  const type = el('select', { id: 'console-type' }, ...Object.keys(FORMS).map((t) => el('option', { value: t }, t)));
  const body = el('div', { id: 'console-body' }, ...bodyFields('movement'));
  type.addEventListener('change', () => body.replaceChildren(...bodyFields(type.value)));
  const out = el('div', { id: 'console-result', 'aria-live': 'polite' });
  const form = el('form', { id: 'console-form', autocomplete: 'off' },
    field('console-key', 'Key file', keyInput), keyState,
    field('console-type', 'Notification', type),
    field('console-serial', 'Serial', el('input', { id: 'console-serial', type: 'number', min: 1, value: 1 })),
    field('console-occurred', 'Occurred', el('input', { id: 'console-occurred', type: 'date' })),
    body, el('button', { type: 'submit' }, 'Sign and submit'));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void submit(form, party, key, out);
  });
  container.replaceChildren(el('p', { class: 'muted' }, `Notifications of ${party}, signed here with its key.`), form, out);
}
