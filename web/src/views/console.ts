// A party's console: compose a notification (the commission's concerns
// among them), sign it in the browser with the party's key (opened from a
// local file, never sent), submit it, and check on the spot that what the
// ledger stored is in its signed tree. The serial is pre-filled with the
// party's next one as the ledger has it (GET /ledger/serials/{party}), read
// when the console opens and after each submission; it stays editable.
import { ApiError, get, post, type Principal } from '../api';
import { el, notice } from '../dom';
import { FORMS, importKeyFile, makeDraft, signDraft, type PartyKey } from '../console';
import { bodyFields, bodyValues } from './console_fields';
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

// Pre-fills the serial with the party's next one; on failure the field
// keeps what it holds and says why in its title.
async function fillSerial(input: HTMLInputElement, party: string): Promise<void> {
  try {
    const s = await get<{ next_serial: number }>(`/ledger/serials/${encodeURIComponent(party)}`);
    input.value = String(s.next_serial);
    input.title = `the next serial of ${party} in the ledger`;
    input.dataset.next = String(s.next_serial);
  } catch (e) {
    input.title = `next serial unknown: ${e instanceof Error ? e.message : String(e)}`;
  }
}

async function send(form: HTMLFormElement, party: string, key: PartyKey, out: HTMLElement): Promise<void> {
  const value = (id: string) => (form.querySelector(`#${id}`) as HTMLInputElement).value;
  const type = value('console-type');
  let signed;
  try {
    const draft = makeDraft(party, type, value('console-serial'), value('console-occurred'), bodyValues(form, type), new Date());
    signed = await signDraft(draft, key);
  } catch (e) {
    out.dataset.outcome = 'invalid';
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
    ...r.ambiguities.map((a) => el('p', { class: 'muted console-ambiguity' }, `ambiguity ${a.kind}: ${a.message}`)),
  );
}

// Sends the form, then reads the next serial again before the outcome is
// shown (whatever it is), so the form is ready for the next notification.
async function submit(form: HTMLFormElement, party: string, key: PartyKey | null, out: HTMLElement): Promise<void> {
  delete out.dataset.outcome;
  if (key === null) {
    out.dataset.outcome = 'invalid';
    return notice(out, 'Open the party\'s key file first.', 'error');
  }
  const result = el('div');
  await send(form, party, key, result);
  await fillSerial(form.querySelector('#console-serial') as HTMLInputElement, party);
  out.replaceChildren(...result.childNodes);
  if (result.dataset.index !== undefined) out.dataset.index = result.dataset.index;
  out.dataset.outcome = result.dataset.outcome;
}

function keyPicker(party: string, onKey: (k: PartyKey | null) => void): HTMLElement[] {
  const keyState = el('span', { id: 'console-key-state', class: 'muted' }, 'no key opened');
  const keyInput = el('input', { id: 'console-key', type: 'file', accept: '.json,.key,application/json' });
  keyInput.addEventListener('change', async () => {
    onKey(null);
    try {
      const file = keyInput.files?.[0];
      if (!file) return;
      const key = await importKeyFile(await file.text(), party);
      onKey(key);
      keyState.textContent = `key ${key.keyId} of ${party} (held in this page only)`;
      keyState.className = 'ok';
    } catch (e) {
      keyState.textContent = String(e instanceof Error ? e.message : e);
      keyState.className = 'error';
    }
  });
  return [field('console-key', 'Key file', keyInput), keyState];
}

export async function renderConsole(container: HTMLElement, who: Principal): Promise<void> {
  if (who.role !== 'party' || who.party === null) return notice(container, 'A party token opens the party\'s console.');
  const party = who.party;
  let key: PartyKey | null = null;
  const others = await get<{ parties: { id: string }[] }>('/parties')
    .then((p) => p.parties.map((x) => x.id).filter((id) => id !== party), () => []);
  const type = el('select', { id: 'console-type' }, ...Object.keys(FORMS).map((t) => el('option', { value: t }, t)));
  const body = el('div', { id: 'console-body' }, bodyFields('movement', others));
  type.addEventListener('change', () => body.replaceChildren(bodyFields(type.value, others)));
  const serial = el('input', { id: 'console-serial', type: 'number', min: 1, value: 1 });
  const out = el('div', { id: 'console-result', 'aria-live': 'polite' });
  const form = el('form', { id: 'console-form', autocomplete: 'off' },
    ...keyPicker(party, (k) => (key = k)),
    field('console-type', 'Notification', type),
    field('console-serial', 'Serial', serial),
    field('console-occurred', 'Occurred', el('input', { id: 'console-occurred', type: 'date' })),
    body, el('button', { type: 'submit' }, 'Sign and submit'));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    void submit(form, party, key, out);
  });
  container.replaceChildren(el('p', { class: 'muted' }, `Notifications of ${party}, signed here with its key.`), form, out);
  await fillSerial(serial, party);
}
