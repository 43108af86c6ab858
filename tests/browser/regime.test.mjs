// The dashboard's "The treaty today" panel in a real headless chromium
// against a real `verity serve` over the sample history (docs/regime.md,
// docs/bcc.md): the treaty is said to be not in force after its expiry,
// Russia's suspension and the US countermeasures are shown with their
// dates, "Compliance today" no longer says within, and a party sees the
// 2022 concern. Usage: node regime.test.mjs --verity BIN --web DIR --chromium BIN --out DIR
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TOKENS, ensureDir, launchBrowser, parseArgs, runSteps, startServer } from './harness.mjs';

const opts = parseArgs(process.argv.slice(2));
const out = ensureDir(opts.out ?? 'build/browser-test');
const dataDir = join(mkdtempSync(join(tmpdir(), 'verity-regime-')), 'data');
const sample = spawnSync(opts.verity, ['ledger', 'sample', '--data', dataDir, '--from', '2021-09-01'], { encoding: 'utf8' });
assert.equal(sample.status, 0, sample.stderr);
const server = await startServer({ verity: opts.verity, web: opts.web, dataDir });
const browser = await launchBrowser(opts.chromium);
const page = await browser.newPage();
page.on('pageerror', (e) => console.log(`page error: ${e.message}`));

async function openDashboard() {
  await page.goto(server.base + '/');
  await page.waitForSelector('body[data-ready="true"]', { timeout: 20000 });
}

const failed = await runSteps([
  ['the public view says the treaty is not in force today and why', async () => {
    await openDashboard();
    const headline = await page.textContent('#regime-headline');
    assert.match(headline, /NOT IN FORCE on \d{4}-\d\d-\d\d: it ended on 2026-02-05 \(expiry\)/);
    assert.match(await page.textContent('#compliance-not-in-force'), /not in force on/);
    const statuses = await page.locator('table.compliance tbody tr td span.status').allTextContents();
    assert.ok(statuses.length > 0 && statuses.every((s) => s.startsWith('not in')), statuses.join(','));
  }],
  ['the suspension and the countermeasures are shown with their dates', async () => {
    assert.match(await page.textContent('#regime-table tr[data-party="RU"]'), /participation suspended since 2023-02-21/);
    const us = await page.textContent('#regime-table tr[data-party="US"]');
    assert.match(us, /withholds data_exchange since 2023-03-28/);
    assert.match(us, /withholds inspections since 2023-06-01/);
    assert.match(us, /2023-03-01 not provided countermeasure/);
    assert.match(await page.textContent('#regime-table tr[data-party="RU"]'), /2023-03-01 not provided suspended/);
    // No log index in the public view.
    const regime = await (await fetch(`${server.base}/api/v1/regime?as_of=2023-07-01`)).json();
    assert.equal(regime.state, 'in_force');
    assert.equal(JSON.stringify(regime).includes('"index"'), false);
  }],
  ['a party sees the 2022 concern, lapsed with the treaty', async () => {
    await page.fill('#token', TOKENS.US);
    await page.click('#token-form button[type=submit]');
    await page.waitForSelector('#concern-table tr[data-concern="RU-2022-01"]', { timeout: 20000 });
    const row = await page.textContent('#concern-table tr[data-concern="RU-2022-01"]');
    assert.match(row, /lapsed/);
    assert.match(row, /RU → US/);
    await page.screenshot({ path: join(out, 'regime.png'), fullPage: true });
  }],
  ['the API refuses a malformed concern id and names an unknown one', async () => {
    const headers = { Authorization: `Bearer ${TOKENS.US}` };
    const bad = await fetch(`${server.base}/api/v1/concerns/RU%202022`, { headers });
    assert.equal(bad.status, 422);
    assert.match((await bad.json()).message, /path parameter 'id': expected 1 to 64 of A-Z a-z 0-9/);
    const missing = await fetch(`${server.base}/api/v1/concerns/RU-2099-01`, { headers });
    assert.equal(missing.status, 404);
    assert.match((await missing.json()).message, /concern 'RU-2099-01': not in the ledger/);
    const observer = await fetch(`${server.base}/api/v1/concerns`, { headers: { Authorization: `Bearer ${TOKENS.observer}` } });
    assert.equal(observer.status, 403);
  }],
]);

await browser.close();
await server.stop();
process.exit(failed ? 1 : 0);
