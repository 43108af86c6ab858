// The browser as a party's console and the exercise panel, in Debian's
// headless chromium against a real `verity serve`: a notification composed
// in the form, signed in the page with the party's key file (WebCrypto
// Ed25519; the key is never sent), submitted, its inclusion proof checked
// on the spot and the entry read back from the ledger; a wrong key and a
// replayed serial refused with nothing stored; an exercise's detection
// timeline. Usage: node console.test.mjs --verity BIN --web DIR --chromium BIN --out DIR
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TOKENS, ensureDir, launchBrowser, parseArgs, partyKey, runSteps, startServer } from './harness.mjs';
import { importWebModule } from './web_module.mjs';

const opts = parseArgs(process.argv.slice(2));
const out = ensureDir(opts.out ?? 'build/browser-test');
const tmp = mkdtempSync(join(tmpdir(), 'verity-console-'));

// A key file as the ledger writes one (ledger/keys.h): the secret key is
// the 32-byte seed followed by the public key, in hex.
function keyFile(key, name) {
  const jwk = key.privateKey.export({ format: 'jwk' });
  const secret = Buffer.concat([Buffer.from(jwk.d, 'base64url'), Buffer.from(jwk.x, 'base64url')]).toString('hex');
  const file = join(tmp, name);
  writeFileSync(file, JSON.stringify({ kind: 'verity-secret-key', party: key.party, key_id: key.keyId, public_key: key.publicHex, secret_key: secret }));
  return { file, secret };
}

const usKey = partyKey('US');
const good = keyFile(usKey, 'US.key');
const wrong = keyFile(partyKey('US'), 'US-other.key');  // a US key the ledger does not know
const server = await startServer({ verity: opts.verity, web: opts.web, dataDir: join(tmp, 'data'), keys: { US: usKey } });
const exerciseDir = join(tmp, 'exercise');
execFileSync(opts.verity, ['exercise', 'run', 'hidden-missile', '--data', exerciseDir], { stdio: 'ignore' });
const exerciseServer = await startServer({ verity: opts.verity, web: opts.web, dataDir: exerciseDir });
const browser = await launchBrowser(opts.chromium);
const page = await browser.newPage();
page.on('pageerror', (e) => console.log(`page error: ${e.message}`));
const sentBodies = [];
page.on('request', (r) => sentBodies.push(r.postData() ?? ''));

async function openAs(base, token) {
  await page.goto(base + '/');
  await page.waitForSelector('body[data-ready="true"]', { timeout: 20000 });
  await page.fill('#token', token);
  await page.click('#token-form button[type=submit]');
  await page.waitForFunction(() => window.verity.principal !== null && document.querySelector('#role').textContent !== 'public');
}

async function ledgerSize() {
  const r = await fetch(`${server.base}/api/v1/ledger/head`);
  return (await r.json()).tree_head.size;
}

async function openKey(file) {
  await page.setInputFiles('#console-key', file);
  await page.waitForFunction(() => document.querySelector('#console-key-state').textContent.startsWith('key '));
}

async function submitMovement(serial) {
  await page.evaluate(() => document.querySelector('#console-result').removeAttribute('data-outcome'));
  await page.selectOption('#console-type', 'movement');
  await page.fill('#console-serial', String(serial));
  await page.fill('#console-occurred', '2012-03-01');
  await page.fill('#console-body-uid', 'B52-7');
  await page.fill('#console-body-from', 'MINOT');
  await page.fill('#console-body-to', 'BARKSDALE');
  await page.click('#console-form button[type=submit]');
  await page.waitForSelector('#console-result[data-outcome]');
  return { outcome: await page.getAttribute('#console-result', 'data-outcome'), text: await page.textContent('#console-result') };
}

const consoleModule = await importWebModule('console.ts');

const failed = await runSteps([
  ['a draft from the form names the field that is wrong', async () => {
    const { makeDraft } = consoleModule;
    const now = new Date('2012-03-02T10:11:12.345Z');
    const d = makeDraft('US', 'warhead_change', '3', '2012-03-01', { missile: 'M-1', warheads: '4' }, now);
    assert.deepEqual(d, { format: 1, party: 'US', serial: 3, type: 'warhead_change', occurred: '2012-03-01',
      sent: '2012-03-02T10:11:12Z', body: { missile: 'M-1', warheads: 4 } });
    const refused = (args, message) => assert.throws(() => makeDraft(...args, now), { message });
    refused(['US', 'launch', '1', '2012-03-01', {}], "type: unknown notification type 'launch'");
    refused(['US', 'movement', '0', '2012-03-01', {}], 'serial: a whole number from 1');
    refused(['US', 'movement', '1', '1 March', {}], 'occurred: a date YYYY-MM-DD');
    refused(['US', 'movement', '1', '2012-03-01', { uid: 'B-1', from: 'A' }], 'body.to: required');
    refused(['US', 'warhead_change', '1', '2012-03-01', { missile: 'M', warheads: '-1' }], 'body.warheads: a whole number');
  }],
  ['a party signs a notification in the browser; its inclusion proof checks on the spot', async () => {
    await openAs(server.base, TOKENS.US);
    await page.waitForSelector('#console-form');
    await openKey(good.file);
    const r = await submitMovement(1);
    assert.equal(r.outcome, 'stored', r.text);
    assert.match(await page.textContent('#console-proof'), /✓ entry 0 is in the tree of 1/);
    const entry = await (await fetch(`${server.base}/api/v1/ledger/entries/0`, { headers: { Authorization: `Bearer ${TOKENS.US}` } })).json();
    assert.equal(entry.notification.party, 'US');
    assert.equal(entry.notification.type, 'movement');
    assert.deepEqual(entry.notification.body, { uid: 'B52-7', from: 'MINOT', to: 'BARKSDALE' });
    assert.equal(entry.notification.key_id, usKey.keyId);
    await page.screenshot({ path: join(out, 'console.png'), fullPage: true });
  }],
  ['a wrong key is refused and nothing is stored', async () => {
    await openKey(wrong.file);
    const r = await submitMovement(2);
    assert.equal(r.outcome, 'refused', r.text);
    assert.match(r.text, /refused: /);
    assert.equal(await ledgerSize(), 1);
  }],
  ['a replayed serial is refused and nothing is stored', async () => {
    await openKey(good.file);
    const r = await submitMovement(1);
    assert.equal(r.outcome, 'refused', r.text);
    assert.match(r.text, /serial/);
    assert.equal(await ledgerSize(), 1);
  }],
  ['a key file of another party is refused in the page', async () => {
    const ru = keyFile(partyKey('RU'), 'RU.key');
    await page.setInputFiles('#console-key', ru.file);
    await page.waitForFunction(() => document.querySelector('#console-key-state').className === 'error');
    assert.match(await page.textContent('#console-key-state'), /a key of RU, not of US/);
  }],
  ['the key file never leaves the page', async () => {
    for (const body of sentBodies) {
      assert.ok(!body.includes(good.secret.slice(0, 64)) && !body.includes(wrong.secret.slice(0, 64)), 'a request carried the secret key');
    }
    assert.ok(sentBodies.some((b) => b.includes('"signature"')), 'the signed notifications were sent');
  }],
  ['the exercise panel shows what was caught on the detection timeline', async () => {
    await openAs(exerciseServer.base, TOKENS.RU);
    await page.waitForSelector('#exercise-table tbody tr');
    const report = JSON.parse(execFileSync('cat', [join(exerciseDir, 'exercise-report.json')]).toString());
    const caught = report.inspections.filter((i) => i.ambiguities.some((a) => a.deviation === 'hidden-missile')).length;
    assert.ok(caught > 0);
    assert.equal(await page.getAttribute('#exercise-timeline', 'data-caught'), String(caught));
    assert.equal(await page.getAttribute('#exercise-table tr[data-deviation="hidden-missile"]', 'data-detected'), 'true');
    await page.screenshot({ path: join(out, 'exercise.png'), fullPage: true });
  }],
]);

await browser.close();
const codes = [await server.stop(), await exerciseServer.stop()];
if (codes.some((c) => c !== 0)) console.log(`FAIL verity serve exited ${codes}:\n${server.log()}\n${exerciseServer.log()}`);
console.log(`screenshots in ${out}`);
process.exit(failed > 0 || codes.some((c) => c !== 0) ? 1 : 0);
