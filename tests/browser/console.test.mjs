// The browser as a party's console and the exercise panel, in Debian's
// headless chromium against a real `verity serve`: a notification composed
// in the form, signed in the page with the party's key file (WebCrypto
// Ed25519; the key is never sent), submitted, its inclusion proof checked
// on the spot and the entry read back from the ledger; the serial
// pre-filled from the ledger; a wrong key and a replayed serial refused
// with nothing stored; a concern raised by one party and answered by the
// other, an answer to an unknown concern stored with its ambiguity, a
// refused settlement storing nothing; an exercise's detection timeline. Usage: node console.test.mjs --verity BIN --web DIR --chromium BIN --out DIR
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
const ruKey = partyKey('RU');
const good = keyFile(usKey, 'US.key');
const ruGood = keyFile(ruKey, 'RU-own.key');
const wrong = keyFile(partyKey('US'), 'US-other.key');  // a US key the ledger does not know
const server = await startServer({ verity: opts.verity, web: opts.web, dataDir: join(tmp, 'data'), keys: { US: usKey, RU: ruKey } });
const exerciseDir = join(tmp, 'exercise');
execFileSync(opts.verity, ['exercise', 'run', 'hidden-missile', '--data', exerciseDir], { stdio: 'ignore' });
const exerciseServer = await startServer({ verity: opts.verity, web: opts.web, dataDir: exerciseDir });
const browser = await launchBrowser(opts.chromium);
const page = await browser.newPage();
page.on('pageerror', (e) => console.log(`page error: ${e.message}`));
const sentBodies = [];
page.on('request', (r) => sentBodies.push(r.postData() ?? ''));

async function openAs(base, token) {
  // A token kept from the last visit would render the page once more.
  await page.evaluate(() => { try { sessionStorage.clear(); } catch {} });
  await page.goto(base + '/');
  await page.waitForSelector('body[data-ready="true"]', { timeout: 20000 });
  await page.fill('#token', token);
  await page.click('#token-form button[type=submit]');
  await page.waitForFunction(() => window.verity.principal !== null && document.querySelector('#role').textContent !== 'public');
}

// Opens the console as `party` with its key file, once the serial is
// pre-filled from the ledger.
async function openConsole(token, file) {
  await openAs(server.base, token);
  await page.waitForSelector('#console-serial[data-next]');
  await openKey(file);
}

const asParty = (token) => ({ headers: { Authorization: `Bearer ${token}` } });

// A concern as of a day while the treaty is in force (after its expiry a
// concern is 'lapsed': docs/bcc.md).
async function concern(id, token = TOKENS.US) {
  const r = await fetch(`${server.base}/api/v1/concerns/${id}?as_of=2012-06-01`, asParty(token));
  return { status: r.status, body: await r.json() };
}

async function ledgerSize() {
  const r = await fetch(`${server.base}/api/v1/ledger/head`);
  return (await r.json()).tree_head.size;
}

async function openKey(file) {
  await page.setInputFiles('#console-key', file);
  await page.waitForFunction(() => document.querySelector('#console-key-state').textContent.startsWith('key '));
}

// Fills the form for `type` (selects by their option, the rest typed; a
// serial of null keeps the pre-filled one), submits it and waits for the
// outcome.
async function submitForm(type, serial, occurred, fields) {
  await page.evaluate(() => document.querySelector('#console-result').removeAttribute('data-outcome'));
  if (await page.inputValue('#console-type') !== type) await page.selectOption('#console-type', type);
  if (serial !== null) await page.fill('#console-serial', String(serial));
  await page.fill('#console-occurred', occurred);
  for (const [f, v] of Object.entries(fields)) {
    const sel = `#console-body-${f}`;
    if (await page.$eval(sel, (e) => e.tagName) === 'SELECT') await page.selectOption(sel, v);
    else await page.fill(sel, v);
  }
  await page.click('#console-form button[type=submit]');
  await page.waitForSelector('#console-result[data-outcome]');
  return { outcome: await page.getAttribute('#console-result', 'data-outcome'), text: await page.textContent('#console-result') };
}

const submitMovement = (serial) =>
  submitForm('movement', serial, '2012-03-01', { uid: 'B52-7', from: 'MINOT', to: 'BARKSDALE' });
const serialValue = () => page.inputValue('#console-serial');

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
  ['a concern draft names the field that is wrong', async () => {
    const { makeDraft } = consoleModule;
    const now = new Date('2012-03-05T00:00:00Z');
    const raise = { concern: 'US-2012-01', addressed_to: 'RU', question: 'Where?', provision: 'Part Four', entries: ' 0, 12 ' };
    assert.deepEqual(makeDraft('US', 'concern_raised', '4', '2012-03-05', raise, now).body,
      { concern: 'US-2012-01', addressed_to: 'RU', question: 'Where?', provision: 'Part Four', entries: [0, 12] });
    assert.deepEqual(makeDraft('US', 'concern_raised', '4', '2012-03-05', { ...raise, entries: '' }, now).body,
      { concern: 'US-2012-01', addressed_to: 'RU', question: 'Where?', provision: 'Part Four' });
    assert.deepEqual(makeDraft('RU', 'concern_answered', '1', '2012-03-05', { concern: 'US-2012-01', answer: 'Here.' }, now).body,
      { concern: 'US-2012-01', answer: 'Here.' });
    const statement = { format: 'verity-joint-statement/1', concern: 'US-2012-01', text: 'Agreed.', signatures: [] };
    assert.deepEqual(makeDraft('US', 'concern_closed', '5', '2012-03-05',
      { concern: 'US-2012-01', outcome: 'settled', joint_statement: JSON.stringify(statement) }, now).body,
    { concern: 'US-2012-01', outcome: 'settled', joint_statement: statement });
    assert.deepEqual(makeDraft('US', 'concern_closed', '5', '2012-03-05', { concern: 'US-2012-01', outcome: 'withdrawn', note: 'No longer.' }, now).body,
      { concern: 'US-2012-01', outcome: 'withdrawn', note: 'No longer.' });
    const refused = (type, values, message) =>
      assert.throws(() => makeDraft('US', type, '4', '2012-03-05', values, now), { message });
    refused('concern_raised', { ...raise, entries: '1, x' }, 'body.entries: whole numbers separated by commas');
    refused('concern_raised', { ...raise, entries: '1,,2' }, 'body.entries: whole numbers separated by commas');
    refused('concern_raised', { ...raise, entries: '-1' }, 'body.entries: whole numbers separated by commas');
    assert.deepEqual(makeDraft('US', 'concern_raised', '4', '2012-03-05', { ...raise, ambiguities: '3:late_notification , 4: unknown_uid' }, now).body.ambiguities,
      [{ entry: 3, kind: 'late_notification' }, { entry: 4, kind: 'unknown_uid' }]);
    for (const bad of ['3', '3:', ':late_notification', '3:late_notification,', '3:Late', '-3:unknown_uid']) {
      refused('concern_raised', { ...raise, ambiguities: bad }, 'body.ambiguities: entry:kind pairs separated by commas (e.g. 12:late_notification)');
    }
    refused('concern_raised', { ...raise, concern: 'bad id!' }, 'body.concern: 1 to 64 of A-Z a-z 0-9 . _ - (e.g. RU-2022-01)');
    refused('concern_raised', { ...raise, concern: 'X'.repeat(65) }, 'body.concern: 1 to 64 of A-Z a-z 0-9 . _ - (e.g. RU-2022-01)');
    refused('concern_raised', { ...raise, addressed_to: 'US' }, 'body.addressed_to: another party than US');
    refused('concern_raised', { ...raise, addressed_to: 'ru' }, 'body.addressed_to: a party name (2 to 8 upper-case letters)');
    refused('concern_raised', { ...raise, question: ' ' }, 'body.question: required');
    refused('concern_raised', { ...raise, question: 'é'.repeat(8193) }, 'body.question: 16386 bytes, more than the limit of 16384');
    refused('concern_answered', { concern: 'US-2012-01' }, 'body.answer: required');
    refused('concern_closed', { concern: 'US-2012-01', outcome: 'lost' }, 'body.outcome: one of withdrawn, unresolved, settled');
    refused('concern_closed', { concern: 'US-2012-01', outcome: 'settled' }, 'body.joint_statement: required when outcome is settled');
    refused('concern_closed', { concern: 'US-2012-01', outcome: 'withdrawn', joint_statement: '{}' },
      'body.joint_statement: only when outcome is settled');
    refused('concern_closed', { concern: 'US-2012-01', outcome: 'settled', joint_statement: '{"format":' }, 'body.joint_statement: not JSON');
    refused('concern_closed', { concern: 'US-2012-01', outcome: 'settled', joint_statement: '[1]' }, 'body.joint_statement: a JSON object');
  }],
  ['a party signs a notification in the browser; its inclusion proof checks on the spot', async () => {
    await openConsole(TOKENS.US, good.file);
    assert.equal(await serialValue(), '1', 'the serial is pre-filled with the next one of an empty ledger');
    const r = await submitMovement(null);
    assert.equal(r.outcome, 'stored', r.text);
    assert.equal(await serialValue(), '2', 'after a stored submission the serial advances');
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
  ['a party raises a concern in the browser; it is open with its question', async () => {
    await openConsole(TOKENS.US, good.file);
    assert.equal(await serialValue(), '2');
    assert.deepEqual(await page.$$eval('#console-body-addressed_to option', (o) => o.map((x) => x.value)), []);
    await page.selectOption('#console-type', 'concern_raised');
    assert.deepEqual(await page.$$eval('#console-body-addressed_to option', (o) => o.map((x) => x.value)), ['RU']);
    assert.equal(await page.$eval('#console-body-question', (e) => e.tagName), 'TEXTAREA');
    const r = await submitForm('concern_raised', null, '2012-03-05', { concern: 'US-2012-01', addressed_to: 'RU',
      question: 'Where was B52-7 on 1 March 2012?', provision: 'Part Four, Section II', entries: '0', ambiguities: '0:unknown_uid' });
    assert.equal(r.outcome, 'stored', r.text);
    assert.equal(await serialValue(), '3');
    const c = await concern('US-2012-01');
    assert.equal(c.status, 200, JSON.stringify(c.body));
    assert.equal(c.body.status, 'open');
    assert.equal(c.body.question, 'Where was B52-7 on 1 March 2012?');
    assert.deepEqual(c.body.references, [{ entry: 0, found: true }, { entry: 0, found: true, ambiguity: 'unknown_uid' }]);
    await page.screenshot({ path: join(out, 'console-concern.png'), fullPage: true });
  }],
  ['a concern referring to an ambiguity kind the ledger does not know is refused and nothing is stored', async () => {
    const size = await ledgerSize();
    const r = await submitForm('concern_raised', null, '2012-03-05', { concern: 'US-2012-02', addressed_to: 'RU',
      question: 'And this?', provision: 'Part Four', entries: '', ambiguities: '0:hidden_missile' });
    assert.equal(r.outcome, 'refused', r.text);
    assert.match(r.text, /refused: invalid_argument: .*body\.ambiguities\[0\]\.kind: 'hidden_missile' is not an ambiguity kind/);
    assert.equal(await ledgerSize(), size);
    assert.equal(await serialValue(), '3');
  }],
  ['an invalid concern id is refused in the page and nothing is sent', async () => {
    const size = await ledgerSize();
    const r = await submitForm('concern_answered', null, '2012-03-06', { concern: 'US 2012/01', answer: 'x' });
    assert.equal(r.outcome, 'invalid', r.text);
    assert.match(r.text, /body\.concern: 1 to 64 of A-Z a-z 0-9 \. _ -/);
    assert.equal(await ledgerSize(), size);
  }],
  ['the other party answers in its console; the concern is answered', async () => {
    await openConsole(TOKENS.RU, ruGood.file);
    assert.equal(await serialValue(), '1', 'RU has no entry yet');
    const r = await submitForm('concern_answered', null, '2012-03-10', { concern: 'US-2012-01',
      answer: 'At Barksdale since 1 March 2012 (entry 0).' });
    assert.equal(r.outcome, 'stored', r.text);
    assert.equal(await page.$$eval('.console-ambiguity', (a) => a.length), 0, r.text);
    assert.equal(await serialValue(), '2');
    const c = await concern('US-2012-01', TOKENS.RU);
    assert.equal(c.body.status, 'answered', JSON.stringify(c.body));
    assert.equal(c.body.answers[0].answer, 'At Barksdale since 1 March 2012 (entry 0).');
  }],
  ['an answer to an unknown concern is stored and shows its ambiguity', async () => {
    const r = await submitForm('concern_answered', null, '2012-03-11', { concern: 'US-2099-99', answer: 'Which?' });
    assert.equal(r.outcome, 'stored', r.text);
    assert.match(r.text, /ambiguity concern_unknown: .*no such concern was raised before/);
    assert.equal((await concern('US-2099-99', TOKENS.RU)).status, 404);
  }],
  ['a settlement whose statement the ledger refuses shows why and stores nothing', async () => {
    const size = await ledgerSize();
    const serial = await serialValue();
    await page.selectOption('#console-type', 'concern_closed');
    assert.equal(await page.isVisible('#console-body-joint_statement'), false, 'a statement only for a settlement');
    await page.selectOption('#console-body-outcome', 'settled');
    assert.equal(await page.isVisible('#console-body-joint_statement'), true);
    const statement = join(tmp, 'statement.json');
    writeFileSync(statement, JSON.stringify({ format: 'verity-joint-statement/0', concern: 'US-2012-01', text: 'Agreed.', signatures: [] }));
    await page.setInputFiles('#console-body-joint_statement-file', statement);
    await page.waitForFunction(() => document.querySelector('#console-body-joint_statement').value.includes('Agreed.'));
    const r = await submitForm('concern_closed', null, '2012-03-12', { concern: 'US-2012-01', outcome: 'settled' });
    assert.equal(r.outcome, 'refused', r.text);
    assert.match(r.text, /refused: invalid_argument: .*body\.joint_statement\.format: expected "verity-joint-statement\/1"/);
    assert.equal(await ledgerSize(), size);
    assert.equal(await serialValue(), serial, 'a refusal leaves the next serial as it was');
    assert.equal((await concern('US-2012-01', TOKENS.RU)).body.status, 'answered');
  }],
  ['the key file never leaves the page', async () => {
    for (const body of sentBodies) {
      for (const key of [good, wrong, ruGood]) assert.ok(!body.includes(key.secret.slice(0, 64)), 'a request carried a secret key');
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
