// A party's console, the parts without a page: notification drafts from
// form values, the party's key file read and imported into WebCrypto
// (Ed25519; the key never leaves the browser), and the signature the ledger
// checks: Ed25519 over the canonical JSON of the draft with its key_id
// (docs/notifications.md).
import { canonicalJson, utf8 } from './jcs';
import { fromHex, toHex } from './merkle';

// The notification types the console composes, and each body's fields.
export const FORMS: Record<string, { field: string; kind: 'text' | 'int' }[]> = {
  movement: [{ field: 'uid', kind: 'text' }, { field: 'from', kind: 'text' }, { field: 'to', kind: 'text' }],
  warhead_change: [{ field: 'missile', kind: 'text' }, { field: 'warheads', kind: 'int' }],
  production: [{ field: 'uid', kind: 'text' }, { field: 'type', kind: 'text' }, { field: 'facility', kind: 'text' }],
  elimination: [{ field: 'uid', kind: 'text' }, { field: 'method', kind: 'text' }],
  conversion_started: [{ field: 'uid', kind: 'text' }, { field: 'procedure', kind: 'text' }],
  conversion_completed: [{ field: 'uid', kind: 'text' }, { field: 'procedure', kind: 'text' }],
};

export interface Draft {
  format: 1;
  party: string;
  serial: number;
  type: string;
  occurred: string;
  sent: string;
  body: Record<string, string | number>;
}

export interface PartyKey {
  party: string;
  keyId: string;
  key: CryptoKey;
}

// A draft from the form's values; throws naming the field that is wrong.
export function makeDraft(party: string, type: string, serial: string, occurred: string,
  values: Record<string, string>, now: Date): Draft {
  const form = FORMS[type];
  if (!form) throw new Error(`type: unknown notification type '${type}'`);
  if (!/^[1-9][0-9]{0,14}$/.test(serial)) throw new Error('serial: a whole number from 1');
  if (!/^[0-9]{4}-[0-9]{2}-[0-9]{2}$/.test(occurred)) throw new Error('occurred: a date YYYY-MM-DD');
  const body: Record<string, string | number> = {};
  for (const { field, kind } of form) {
    const v = (values[field] ?? '').trim();
    if (v === '') {
      if (field === 'method' || field === 'procedure') continue; // optional
      throw new Error(`body.${field}: required`);
    }
    if (kind === 'int' && !/^[0-9]{1,6}$/.test(v)) throw new Error(`body.${field}: a whole number`);
    body[field] = kind === 'int' ? Number(v) : v;
  }
  const sent = now.toISOString().replace(/\.[0-9]{3}Z$/, 'Z');
  return { format: 1, party, serial: Number(serial), type, occurred, sent, body };
}

const b64url = (bytes: Uint8Array): string =>
  btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

// Reads a party's key file (kind "verity-secret-key", party, key_id,
// public_key, secret_key in hex: ledger/keys.h) and imports it for signing
// only.
export async function importKeyFile(text: string, party: string): Promise<PartyKey> {
  let j: { kind?: string; party?: string; key_id?: string; public_key?: string; secret_key?: string };
  try {
    j = JSON.parse(text);
  } catch {
    throw new Error('key file: not JSON');
  }
  if (typeof j.secret_key !== 'string' || !/^[0-9a-f]{128}$/.test(j.secret_key)) {
    throw new Error('key file: no secret_key (a secret key file holds 64 bytes in hex)');
  }
  if (j.party !== party) throw new Error(`key file: a key of ${j.party ?? 'no party'}, not of ${party}`);
  if (typeof j.key_id !== 'string' || !/^[0-9a-f]{16}$/.test(j.key_id)) throw new Error('key file: no key_id');
  const secret = fromHex(j.secret_key);
  const jwk = { kty: 'OKP', crv: 'Ed25519', d: b64url(secret.slice(0, 32)), x: b64url(secret.slice(32)) };
  const key = await crypto.subtle.importKey('jwk', jwk, { name: 'Ed25519' }, false, ['sign']);
  return { party, keyId: j.key_id, key };
}

export async function signDraft(d: Draft, k: PartyKey): Promise<Draft & { key_id: string; signature: string }> {
  const withKey = { ...d, key_id: k.keyId };
  const bytes = utf8(canonicalJson(withKey));
  const sig = await crypto.subtle.sign({ name: 'Ed25519' }, k.key, bytes as Uint8Array<ArrayBuffer>);
  return { ...withKey, signature: toHex(new Uint8Array(sig)) };
}
