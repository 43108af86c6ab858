// Checking a cosigned checkpoint in the browser against a tlog policy, with
// WebCrypto Ed25519 (C2SP signed-note, tlog-checkpoint, tlog-cosignature
// cosignature/v1, tlog-policy). Nothing here trusts the server: the note's
// signatures are verified with the policy's keys, and the quorum is
// evaluated here. Any input may be hostile: sizes are bounded and every
// failure is a message, never an exception to the page.

const MAX_NOTE_BYTES = 128 * 1024;
const MAX_POLICY_BYTES = 64 * 1024;
const MAX_SIGNATURES = 64;
const ED25519 = 0x01;
const COSIGNATURE_V1 = 0x04;
const DASH = '\u2014 ';

export interface Key {
  name: string;
  keyId: number;
  type: number;
  publicKey: Uint8Array;
}
export interface PolicyWitness {
  name: string;
  key: Key;
}
export interface PolicyGroup {
  name: string;
  threshold: number;
  members: string[];
}
export interface Policy {
  logs: Key[];
  witnesses: PolicyWitness[];
  groups: PolicyGroup[];
  quorum: string;
}
export interface Cosigned {
  witness: string;
  timestamp: number; // POSIX seconds
}
export interface Verdict {
  origin: string;
  size: number;
  root: string; // base64
  logVerified: boolean;
  cosigned: Cosigned[];
  quorumMet: boolean;
  missing: string; // empty when the quorum is met
  errors: string[]; // signatures by policy keys that did not verify, etc.
}

function b64(s: string): Uint8Array {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(s) || s.length % 4 !== 0) throw new Error('not base64');
  const bin = atob(s);
  return Uint8Array.from(bin, (c) => c.charCodeAt(0));
}

async function keyIdOf(name: string, type: number, pub: Uint8Array): Promise<number> {
  const enc = new TextEncoder().encode(name);
  const buf = new Uint8Array(enc.length + 2 + pub.length);
  buf.set(enc, 0);
  buf[enc.length] = 0x0a;
  buf[enc.length + 1] = type;
  buf.set(pub, enc.length + 2);
  const h = new Uint8Array(await crypto.subtle.digest('SHA-256', buf));
  return ((h[0] << 24) | (h[1] << 16) | (h[2] << 8) | h[3]) >>> 0;
}

// A vkey "<name>+<hex id>+<base64(type || key)>"; throws with the reason.
export async function parseVkey(vkey: string): Promise<Key> {
  // The base64 key may itself hold '+': split at the first two only.
  const a = vkey.indexOf('+');
  const b = a < 0 ? -1 : vkey.indexOf('+', a + 1);
  if (b < 0) throw new Error('vkey: not name+id+key');
  const [name, hex, data] = [vkey.slice(0, a), vkey.slice(a + 1, b), vkey.slice(b + 1)];
  if (!name || /\s/.test(name)) throw new Error('vkey: bad key name');
  if (!/^[0-9a-f]{8}$/.test(hex)) throw new Error('vkey: the key ID is not 8 lower-case hex digits');
  const bytes = b64(data);
  if (bytes.length !== 33 || (bytes[0] !== ED25519 && bytes[0] !== COSIGNATURE_V1)) {
    throw new Error('vkey: not an Ed25519 key');
  }
  const key = { name, keyId: parseInt(hex, 16), type: bytes[0], publicKey: bytes.slice(1) };
  if ((await keyIdOf(name, key.type, key.publicKey)) !== key.keyId) throw new Error('vkey: wrong key ID');
  return key;
}

// The tlog-policy lines the dashboard needs: log, witness, group, quorum.
export async function parsePolicy(text: string): Promise<Policy> {
  if (text.length > MAX_POLICY_BYTES) throw new Error('policy: too long');
  const p: Policy = { logs: [], witnesses: [], groups: [], quorum: '' };
  const names = new Set<string>();
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const f = lines[i].trim().split(/[ \t]+/);
    const where = `policy line ${i + 1}`;
    if (f[0] === '' || f[0].startsWith('#')) continue;
    try {
      if (f[0] === 'log' && f.length >= 2) p.logs.push(await parseVkey(f[1]));
      else if (f[0] === 'witness' && f.length >= 3) {
        p.witnesses.push({ name: f[1], key: await parseVkey(f[2]) });
        names.add(f[1]);
      } else if (f[0] === 'group' && f.length >= 4) {
        const members = f.slice(3);
        const t = f[2] === 'all' ? members.length : f[2] === 'any' ? 1 : Number(f[2]);
        if (!Number.isInteger(t) || t < 1 || t > members.length) throw new Error('bad threshold');
        for (const m of members) if (!names.has(m)) throw new Error(`unknown member ${m}`);
        p.groups.push({ name: f[1], threshold: t, members });
        names.add(f[1]);
      } else if (f[0] === 'quorum' && f.length === 2) {
        if (f[1] !== 'none' && !names.has(f[1])) throw new Error(`unknown quorum ${f[1]}`);
        p.quorum = f[1];
      } else throw new Error(`unknown or short line '${f[0].slice(0, 20)}'`);
    } catch (e) {
      throw new Error(`${where}: ${(e as Error).message}`);
    }
  }
  if (!p.quorum) throw new Error('policy: no quorum line');
  return p;
}

async function verifyEd25519(pub: Uint8Array, sig: Uint8Array, msg: Uint8Array): Promise<boolean> {
  const bytes = (u: Uint8Array): ArrayBuffer => u.slice().buffer as ArrayBuffer;
  const key = await crypto.subtle.importKey('raw', bytes(pub), { name: 'Ed25519' }, false, ['verify']);
  return crypto.subtle.verify({ name: 'Ed25519' }, key, bytes(sig), bytes(msg));
}

function witnessed(p: Policy, name: string, done: Set<string>): boolean {
  if (name === 'none') return true;
  if (done.has(name)) return true;
  const g = p.groups.find((x) => x.name === name);
  if (!g) return false;
  return g.members.filter((m) => witnessed(p, m, done)).length >= g.threshold;
}

function explain(p: Policy, done: Set<string>): string {
  const g = p.groups.find((x) => x.name === p.quorum);
  if (!g) return `witness ${p.quorum} did not cosign`;
  const absent = g.members.filter((m) => !witnessed(p, m, done));
  const have = g.members.length - absent.length;
  return `group ${g.name} needs ${g.threshold} of its ${g.members.length} members, has ${have}: ` +
    absent.map((m) => `${p.groups.some((x) => x.name === m) ? 'group' : 'witness'} ${m} did not cosign`).join('; ');
}

// Verifies `note` (a checkpoint with signature lines) under `policy`.
export async function checkCheckpoint(policy: Policy, note: string): Promise<Verdict> {
  if (note.length > MAX_NOTE_BYTES) throw new Error('note: too long');
  const split = note.lastIndexOf('\n\n');
  if (split < 0) throw new Error('note: no signature block');
  const text = note.slice(0, split + 1);
  const lines = text.split('\n');
  if (lines.length < 4) throw new Error('checkpoint: fewer than three lines');
  const [origin, sizeText, root] = lines;
  if (!/^(0|[1-9][0-9]{0,15})$/.test(sizeText)) throw new Error('checkpoint: bad size');
  if (b64(root).length !== 32) throw new Error('checkpoint: the root is not a SHA-256 hash');
  const textBytes = new TextEncoder().encode(text);
  const sigLines = note.slice(split + 2).split('\n').filter((l) => l !== '');
  if (sigLines.length > MAX_SIGNATURES) throw new Error('note: too many signatures');
  const v: Verdict = { origin, size: Number(sizeText), root, logVerified: false, cosigned: [], quorumMet: false, missing: '', errors: [] };
  for (const line of sigLines) {
    if (!line.startsWith(DASH)) throw new Error('note: a signature line does not start with an em dash');
    const [name, data] = line.slice(DASH.length).split(' ');
    const bytes = b64(data ?? '');
    if (bytes.length < 5) throw new Error('note: a signature is too short');
    const id = ((bytes[0] << 24) | (bytes[1] << 16) | (bytes[2] << 8) | bytes[3]) >>> 0;
    const sig = bytes.slice(4);
    const log = policy.logs.find((k) => k.name === name && k.keyId === id);
    if (log) {
      if (name !== origin) continue;
      if (sig.length === 64 && (await verifyEd25519(log.publicKey, sig, textBytes))) v.logVerified = true;
      else v.errors.push(`the log signature of ${name} does not verify`);
      continue;
    }
    const w = policy.witnesses.find((x) => x.key.name === name && x.key.keyId === id);
    if (!w) continue; // not a key of the policy: ignored
    if (sig.length !== 72) {
      v.errors.push(`the cosignature of witness ${w.name} is malformed`);
      continue;
    }
    let t = 0;
    for (let i = 0; i < 8; i++) t = t * 256 + sig[i];
    const msg = new TextEncoder().encode(`cosignature/v1\ntime ${t}\n${text}`);
    if (await verifyEd25519(w.key.publicKey, sig.slice(8), msg)) v.cosigned.push({ witness: w.name, timestamp: t });
    else v.errors.push(`the cosignature of witness ${w.name} does not verify`);
  }
  const done = new Set(v.cosigned.map((c) => c.witness));
  v.quorumMet = v.logVerified && v.errors.length === 0 && witnessed(policy, policy.quorum, done);
  if (!v.quorumMet) {
    v.missing = !v.logVerified ? 'no valid signature by a log of the policy' :
      v.errors.length ? v.errors.join('; ') : explain(policy, done);
  }
  return v;
}
