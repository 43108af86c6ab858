// A party's console, the parts without a page: notification drafts from
// form values (console_forms.ts), the party's key file read and imported
// into WebCrypto (Ed25519; the key never leaves the browser), and the
// signature the ledger checks: Ed25519 over the canonical JSON of the draft
// with its key_id (docs/notifications.md).
import type { Draft } from './console_forms';
import { canonicalJson, utf8 } from './jcs';
import { fromHex, toHex } from './merkle';

export { FORMS, makeDraft, type Draft, type FieldSpec } from './console_forms';

export interface PartyKey {
  party: string;
  keyId: string;
  key: CryptoKey;
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
