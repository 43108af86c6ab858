// Starts a real `verity serve` on a free loopback port and a headless Debian
// chromium (playwright-core, no browser download) for the browser tests.
import { spawn } from 'node:child_process';
import { createHash, generateKeyPairSync, sign } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { webRequire } from './web_module.mjs';

export const TOKENS = { US: 'us-browser-token', RU: 'ru-browser-token', observer: 'observer-browser-token', admin: 'admin-browser-token' };
const sha256 = (s) => createHash('sha256').update(s).digest('hex');

export function parseArgs(argv) {
  const out = {};
  for (let i = 0; i < argv.length; i += 2) out[argv[i].replace(/^--/, '')] = argv[i + 1];
  return out;
}

function freePort() {
  return new Promise((res, rej) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => res(port));
    });
    s.on('error', rej);
  });
}

// An Ed25519 signing key for `party`, with the ledger's key id (the first 8
// bytes of SHA-256 of the public key, in hex).
export function partyKey(party) {
  const { publicKey, privateKey } = generateKeyPairSync('ed25519');
  const raw = Buffer.from(publicKey.export({ format: 'jwk' }).x, 'base64url');
  return { party, privateKey, publicHex: raw.toString('hex'), keyId: createHash('sha256').update(raw).digest('hex').slice(0, 16) };
}

// Signs a notification draft as the ledger expects: Ed25519 over the
// canonical JSON of the draft with its key_id (docs/notifications.md).
export function signNotification(draft, key, canonicalJson) {
  const withKey = { ...draft, key_id: key.keyId };
  const signature = sign(null, Buffer.from(canonicalJson(withKey)), key.privateKey).toString('hex');
  return { ...withKey, signature };
}

export function movementDraft(party, serial) {
  const day = String((serial % 28) + 1).padStart(2, '0');
  return { format: 1, party, serial, type: 'movement', occurred: `2012-03-${day}`, sent: '2012-03-28T12:00:00Z',
    body: { uid: `B52-${serial}`, from: 'MINOT', to: 'BARKSDALE' } };
}

export function writeConfig(dir, keys = {}) {
  const cfg = {
    treaty: 'new-start',
    parties: [
      { id: 'US', name: 'United States', ...(keys.US ? { public_key: keys.US.publicHex } : {}) },
      { id: 'RU', name: 'Russian Federation', ...(keys.RU ? { public_key: keys.RU.publicHex } : {}) },
    ],
    tokens: [
      { role: 'party', party: 'US', sha256: sha256(TOKENS.US) },
      { role: 'party', party: 'RU', sha256: sha256(TOKENS.RU) },
      { role: 'observer', name: 'press', sha256: sha256(TOKENS.observer) },
      { role: 'admin', name: 'ops', sha256: sha256(TOKENS.admin) },
    ],
  };
  const file = join(dir, 'server.json');
  writeFileSync(file, JSON.stringify(cfg, null, 1));
  return file;
}

// Runs `verity serve` and resolves once /api/v1/health answers.
export async function startServer({ verity, web, dataDir, keys = {}, extraArgs = [] }) {
  const port = await freePort();
  const config = writeConfig(mkdtempSync(join(tmpdir(), 'verity-cfg-')), keys);
  const args = ['serve', '--data', dataDir, '--bind', '127.0.0.1', '--port', String(port), '--config', config, '--web', web, ...extraArgs];
  const proc = spawn(verity, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  proc.stdout.on('data', (d) => (log += d));
  proc.stderr.on('data', (d) => (log += d));
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 200; i++) {
    if (proc.exitCode !== null) throw new Error(`verity serve exited ${proc.exitCode}: ${log}`);
    try {
      const r = await fetch(`${base}/api/v1/health`);
      if (r.ok) break;
    } catch {}
    await new Promise((r) => setTimeout(r, 50));
  }
  const stop = () =>
    new Promise((res) => {
      if (proc.exitCode !== null) return res(proc.exitCode);
      proc.on('exit', (code) => res(code));
      proc.kill('SIGTERM');
    });
  return { base, proc, stop, log: () => log };
}

export async function launchBrowser(chromiumPath) {
  const { chromium } = webRequire('playwright-core');
  const userDataDir = mkdtempSync(join(tmpdir(), 'verity-chromium-'));
  return chromium.launchPersistentContext(userDataDir, {
    executablePath: chromiumPath,
    headless: true,
    viewport: { width: 1280, height: 1400 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

// Runs named async steps, printing each result; exits 1 if any failed.
export async function runSteps(steps) {
  let failed = 0;
  for (const [name, fn] of steps) {
    const t0 = Date.now();
    try {
      await fn();
      console.log(`ok   ${name} (${Date.now() - t0} ms)`);
    } catch (e) {
      failed++;
      console.log(`FAIL ${name}: ${e.stack ?? e}`);
    }
  }
  return failed;
}

export function ensureDir(dir) {
  mkdirSync(dir, { recursive: true });
  return dir;
}
