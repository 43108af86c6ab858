// The dashboard's witnessing panel in a real headless chromium: a real
// `verity serve --policy` and two real `verity witness serve` (US and RU).
// With both witnesses up the newest checkpoint shows both cosignatures,
// verified in the browser; with RU's witness down, a new checkpoint is
// shown with a warning that names the missing witness.
// Usage: node witnessing.test.mjs --verity BIN --web DIR --chromium BIN --out DIR
import assert from 'node:assert/strict';
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TOKENS, ensureDir, launchBrowser, movementDraft, parseArgs, partyKey, runSteps, signNotification, startServer } from './harness.mjs';
import { importWebModule } from './web_module.mjs';

const opts = parseArgs(process.argv.slice(2));
const out = ensureDir(opts.out ?? 'build/browser-test');
const { canonicalJson } = await importWebModule('jcs.ts');
const tmp = mkdtempSync(join(tmpdir(), 'verity-witnessing-'));
const data = join(tmp, 'ledger');
const verity = (...args) => execFileSync(opts.verity, args, { encoding: 'utf8' });
verity('ledger', 'init', '--data', data, '--origin', 'verity.example/browser');
const logVkey = verity('ledger', 'vkey', '--data', data).trim();

// A witness on a free port; resolves with its process and URL.
function startWitness(name) {
  verity('witness', 'keygen', '--name', `witness.example-${name}`, '--out', tmp);
  const proc = spawn(opts.verity, ['witness', 'serve', '--data', join(tmp, `${name}-state`), '--key',
    join(tmp, `witness.example-${name}.key`), '--log', logVkey, '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((res, rej) => {
    let text = '';
    proc.stdout.on('data', (d) => {
      text += d;
      const m = /on (http:\/\/127\.0\.0\.1:\d+)\//.exec(text);
      if (m) res({ proc, url: m[1], vkey: text.split(' ')[1] });
    });
    proc.on('exit', (code) => rej(new Error(`witness ${name} exited ${code}`)));
  });
}
const us = await startWitness('us');
const ru = await startWitness('ru');
const policy = join(tmp, 'policy.txt');
writeFileSync(policy, `log ${logVkey}\nwitness us ${us.vkey} ${us.url}\nwitness ru ${ru.vkey} ${ru.url}\ngroup both all us ru\nquorum both\n`);
const usKey = partyKey('US');
const server = await startServer({ verity: opts.verity, web: opts.web, dataDir: data, keys: { US: usKey }, extraArgs: ['--policy', policy] });
const browser = await launchBrowser(opts.chromium);
const page = await browser.newPage();
page.on('pageerror', (e) => console.log(`page error: ${e.message}`));

async function submit(serial) {
  const res = await fetch(`${server.base}/api/v1/notifications`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${TOKENS.US}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(signNotification(movementDraft('US', serial), usKey, canonicalJson)),
  });
  assert.equal(res.status, 201, await res.text());
}
// Waits until the server's last collection is about checkpoint `size`.
async function collected(size) {
  for (let i = 0; i < 200; i++) {
    const w = await (await fetch(`${server.base}/api/v1/ledger/witnessing`)).json();
    if (w.last && w.last.size === size) return w.last;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no collection for checkpoint ${size}`);
}
async function panel() {
  await page.goto(server.base + '/');
  await page.waitForSelector('body[data-ready="true"]', { timeout: 20000 });
  await page.waitForSelector('#witnessing[data-quorum]', { timeout: 20000 });
  return page.locator('#witnessing');
}

const failed = await runSteps([
  ['both witnesses cosign and the browser verifies it', async () => {
    for (let s = 1; s <= 3; s++) await submit(s);
    assert.equal((await collected(3)).quorum_met, true);
    const box = await panel();
    assert.equal(await box.getAttribute('data-quorum'), 'met');
    for (const name of ['us', 'ru']) {
      const row = box.locator(`tr[data-witness="${name}"]`);
      assert.match(await row.innerText(), /cosigned \(verified here\)\s+\d{4}-\d\d-\d\dT/);
    }
    assert.match(await page.locator('#witnessing-status').innerText(), /Checkpoint 3 of verity\.example\/browser: log signature and quorum both verified in this browser/);
    await page.screenshot({ path: join(out, 'witnessing-met.png'), fullPage: true });
  }],
  ['with RU\'s witness down the new checkpoint carries a warning', async () => {
    ru.proc.kill('SIGTERM');
    await new Promise((r) => ru.proc.on('exit', r));
    await submit(4);
    assert.equal((await collected(4)).quorum_met, false);
    const box = await panel();
    assert.equal(await box.getAttribute('data-quorum'), 'not-met');
    assert.match(await page.locator('#witnessing-status').innerText(), /Warning: checkpoint 4 is NOT witnessed as the policy requires: group both needs 2 of its 2 members, has 1: witness ru did not cosign/);
    assert.match(await box.locator('tr[data-witness="ru"]').innerText(), /no cosignature/);
  }],
]);
await browser.close();
us.proc.kill('SIGTERM');
await server.stop();
process.exit(failed ? 1 : 0);
