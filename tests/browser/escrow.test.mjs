// Declarations in escrow in a real headless chromium against a real
// `verity serve`: the US 2020 declaration committed, a stage revealed, a
// designation drawn and its leaves opened (each step a draft of the
// `verity escrow` CLI, signed here and submitted over the API); the
// dashboard's escrow panel checks every opening again in the browser, and
// a swapped item fails that check.
// Usage: node escrow.test.mjs --verity BIN --web DIR --chromium BIN --out DIR
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TOKENS, ensureDir, launchBrowser, parseArgs, partyKey, runSteps, signNotification, startServer } from './harness.mjs';
import { importWebModule } from './web_module.mjs';

const opts = parseArgs(process.argv.slice(2));
const out = ensureDir(opts.out ?? 'build/browser-test');
const { canonicalJson } = await importWebModule('jcs.ts');
const { checkOpening } = await importWebModule('views/escrow.ts');
const keys = { US: partyKey('US'), RU: partyKey('RU') };
const dataDir = mkdtempSync(join(tmpdir(), 'verity-escrow-data-'));
const work = mkdtempSync(join(tmpdir(), 'verity-escrow-work-'));
const server = await startServer({ verity: opts.verity, web: opts.web, dataDir, keys });
const serial = { US: 0, RU: 0 };

// Runs `verity escrow ARGS` for `party`'s next draft, signs and submits it.
async function step(party, args, occurred) {
  const draft = join(work, `draft-${party}-${serial[party] + 1}.json`);
  execFileSync(opts.verity, ['escrow', ...args, '--serial', String(serial[party] + 1), '--occurred', occurred, '--draft', draft]);
  serial[party] += 1;
  const signed = signNotification(JSON.parse(readFileSync(draft, 'utf8')), keys[party], canonicalJson);
  const res = await fetch(`${server.base}/api/v1/notifications`, {
    method: 'POST', headers: { authorization: `Bearer ${TOKENS[party]}`, 'content-type': 'application/json' }, body: JSON.stringify(signed),
  });
  assert.equal(res.status, 201, await res.text());
}

const browser = await launchBrowser(opts.chromium);
const page = await browser.newPage();
page.on('pageerror', (e) => console.log(`page error: ${e.message}`));
const esc = join(work, 'esc');
const ledgerArgs = ['--data', dataDir, '--as-of', '2020-10-30'];
try {
  await runSteps([
    ['the escrow steps are drafted by the CLI and submitted signed', async () => {
      await step('US', ['commit', 'us-2020-09-01', '--id', 'us-2020', '--out', esc], '2020-09-02');
      await step('US', ['reveal', esc, '--stage', 's1:category=deployed_heavy_bomber'], '2020-09-10');
      await step('RU', ['randomness-commit', '--escrow', 'us-2020', '--designation', 'd1', '--party', 'RU', '--secret', join(work, 'ru.secret'),
        '--openings', '12', '--reveal-by', '2020-10-10', '--open-by', '2020-10-20'], '2020-10-01');
      await step('US', ['randomness-commit', '--escrow', 'us-2020', '--designation', 'd1', '--party', 'US', '--secret', join(work, 'us.secret')], '2020-10-02');
      await step('US', ['randomness-reveal', '--secret', join(work, 'us.secret')], '2020-10-03');
      await step('RU', ['randomness-reveal', '--secret', join(work, 'ru.secret')], '2020-10-04');
      await step('RU', ['designate', '--escrow', 'us-2020', '--designation', 'd1', '--party', 'RU', ...ledgerArgs], '2020-10-05');
      await step('US', ['open', esc, '--designation', 'd1', ...ledgerArgs], '2020-10-15');
    }],
    ['the escrow panel verifies every opening in the browser', async () => {
      await page.goto(server.base + '/');
      await page.waitForSelector('body[data-ready="true"]', { timeout: 20000 });
      await page.fill('#token', TOKENS.RU);
      await page.click('#token-form button[type=submit]');
      const cell = await page.waitForSelector('#escrow [data-designation="d1"] [data-browser-verified]', { timeout: 30000 });
      assert.equal(await cell.getAttribute('data-browser-verified'), '12/12');
      const stage = await page.$eval('#escrow [data-stage-browser-verified]', (n) => n.getAttribute('data-stage-browser-verified'));
      const [passed, total] = stage.split('/').map(Number);
      assert.ok(total > 0 && passed === total, stage);
      assert.match(await page.textContent('#escrow-findings'), /^0 findings/);
      await page.screenshot({ path: join(out, 'escrow.png'), fullPage: true });
    }],
    ['a swapped item fails the browser check', async () => {
      const entries = await (await fetch(`${server.base}/api/v1/ledger/entries?start=0&limit=20`, { headers: { authorization: `Bearer ${TOKENS.RU}` } })).json();
      const last = entries.entries[entries.entries.length - 1].index;
      const entry = await (await fetch(`${server.base}/api/v1/ledger/entries/${last}`, { headers: { authorization: `Bearer ${TOKENS.RU}` } })).json();
      const audit = await (await fetch(`${server.base}/api/v1/escrow`, { headers: { authorization: `Bearer ${TOKENS.RU}` } })).json();
      const { leaves, root } = audit.escrows[0];
      const [a, b] = entry.notification.body.openings;
      assert.equal(await checkOpening(a, leaves, root), true);
      assert.equal(await checkOpening({ ...a, item: b.item }, leaves, root), false);
    }],
  ]);
} finally {
  await browser.close();
  await server.stop();
}
