// The dashboard in a real headless chromium against a real `verity serve`:
// charts show every published number, an observer cannot see party detail,
// a party can (ledger proofs and simulations once served). Screenshots go to
// --out. Usage: node dashboard.test.mjs --verity BIN --web DIR --chromium BIN --out DIR
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TOKENS, ensureDir, launchBrowser, movementDraft, parseArgs, partyKey, runSteps, signNotification, startServer } from './harness.mjs';
import { importWebModule, repoRoot } from './web_module.mjs';

const opts = parseArgs(process.argv.slice(2));
const out = ensureDir(opts.out ?? 'build/browser-test');
const { canonicalJson } = await importWebModule('jcs.ts');
const usKey = partyKey('US');
const server = await startServer({ verity: opts.verity, web: opts.web, dataDir: mkdtempSync(join(tmpdir(), 'verity-data-')), keys: { US: usKey },
  extraArgs: ['--scenarios', join(repoRoot, 'src/server/testdata/scenarios')] });
const SUBMITTED = 6;
const browser = await launchBrowser(opts.chromium);
const page = await browser.newPage();
page.on('pageerror', (e) => console.log(`page error: ${e.message}`));

async function openDashboard() {
  await page.goto(server.base + '/');
  await page.waitForSelector('body[data-ready="true"]', { timeout: 20000 });
}

async function unlockWith(token) {
  await page.fill('#token', token);
  await page.click('#token-form button[type=submit]');
  await page.waitForFunction(() => window.verity.principal !== null && document.querySelector('#role').textContent !== 'public');
}

// Rendered (non-skipped) points of each party's dataset in a limit's chart.
function renderedPoints(limitId) {
  return page.evaluate((id) => {
    const chart = window.verity.charts[id];
    return Object.fromEntries(
      chart.data.datasets.map((d, i) => [d.label, chart.getDatasetMeta(i).data.filter((p) => !p.skip).length]),
    );
  }, limitId);
}

async function submit(serial) {
  const res = await fetch(`${server.base}/api/v1/notifications`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${TOKENS.US}`, 'Content-Type': 'application/json' },
    body: JSON.stringify(signNotification(movementDraft('US', serial), usKey, canonicalJson)),
  });
  return { status: res.status, body: await res.json() };
}

const failed = await runSteps([
  ['a party submits signed notifications over the API', async () => {
    for (let serial = 1; serial <= SUBMITTED; serial++) {
      const r = await submit(serial);
      assert.equal(r.status, 201, JSON.stringify(r.body));
      assert.equal(r.body.leaf_index, serial - 1);
      assert.equal(r.body.tree_head.size, serial);
    }
    const replay = await submit(1);
    assert.equal(replay.status >= 400 && replay.status < 500, true, `replay got ${replay.status}`);
  }],
  ['public charts show one point per published number', async () => {
    await openDashboard();
    const { aggregates } = await (await fetch(`${server.base}/api/v1/public/aggregates`)).json();
    for (const limit of ['deployed', 'warheads', 'launchers']) {
      const points = await renderedPoints(limit);
      for (const party of ['US', 'RU']) {
        const expected = aggregates.filter((a) => a.party === party && a[limit] !== null).length;
        assert.ok(expected > 10, `${party} ${limit} has data`);
        assert.equal(points[`${party} published`], expected, `${party} ${limit} points`);
      }
      assert.equal(Object.keys(points).length, 3, 'two parties and the limit line');
    }
    const rows = await page.locator('table.compliance tbody tr').count();
    assert.equal(rows, 6, 'two parties x three limits in the compliance table');
    await page.screenshot({ path: join(out, 'public.png'), fullPage: true });
  }],
  ['the upload timeline and the treaty comparison render for the public', async () => {
    const upload = await (await fetch(`${server.base}/api/v1/analysis/upload?declaration=us-2020-09-01`)).json();
    await page.waitForSelector('#upload-summary');
    const points = await page.evaluate(() => window.verity.analysisCharts.upload.data.datasets.map((d, i) => [d.label, window.verity.analysisCharts.upload.getDatasetMeta(i).data.length]));
    assert.deepEqual(points, [['central', upload.timeline.length], ['low', upload.timeline_low.length], ['high', upload.timeline_high.length]]);
    assert.equal(await page.locator('table.upload tbody tr[data-type]').count(), upload.types.length);
    const limits = await page.locator('table.upload tbody tr[data-type] td.limit').allTextContents();
    assert.deepEqual(limits, upload.types.map((t) => (t.pool_capped ? `shared ${t.pool_capped}` : t.capped ? 'its warheads available' : 'loading')));
    assert.ok(limits.includes('shared reserve'), 'the US reserve binds in the central case');
    assert.match(await page.textContent('#upload-summary'), /The shared reserve of 1,938 warheads runs out/);
    assert.match(await page.textContent('#upload-summary'), new RegExp(`US as declared on 2020-09-01: ${upload.totals.added_warheads.toLocaleString('en-US')} \\(`));
    await page.selectOption('#upload-declaration', 'ru-2021-09-01');
    await page.waitForFunction(() => document.querySelector('#upload-summary')?.textContent.startsWith('RU'));
    const { treaties } = await (await fetch(`${server.base}/api/v1/analysis/catalogue`)).json();
    assert.equal(await page.locator('table.compare thead th[data-treaty]').count(), treaties.length, 'a column per shipped treaty');
    assert.equal(await page.locator('table.compare tbody tr').count(), 6, 'two declarations x three limits');
    const cell = page.locator('table.compare tr[data-party="US"][data-limit="deployed"] td[data-status]');
    const compare = await (await fetch(`${server.base}/api/v1/analysis/compare`)).json();
    const row = compare.rows.find((r) => r.party === 'US' && r.limit === 'deployed');
    assert.equal(row.cells['follow-on-example'].status, 'over');
    assert.deepEqual(await cell.evaluateAll((tds) => tds.map((td) => td.dataset.status)), compare.treaties.map((t) => row.cells[t.id].status));
    await page.screenshot({ path: join(out, 'analysis.png'), fullPage: true });
  }],
  ['an observer token cannot see party detail', async () => {
    await unlockWith(TOKENS.observer);
    assert.equal(await page.textContent('#role'), 'observer');
    // The sections redraw after the role changes: wait for the ledger's to be redrawn.
    await page.waitForFunction(() => /observer token sees only/.test(document.querySelector('#ledger').textContent), null, { timeout: 10000 }).catch(() => {});
    assert.match(await page.textContent('#ledger'), /observer token sees only the public aggregates/);
    assert.equal(await page.locator('#ledger-entries').count(), 0, 'no entries table for an observer');
    assert.equal(await page.getAttribute('#tree-head', 'data-size'), String(SUBMITTED), 'observer sees the tree head');
    const status = await page.evaluate(async (t) => (await fetch('/api/v1/ledger/entries', { headers: { Authorization: `Bearer ${t}` } })).status, TOKENS.observer);
    assert.equal(status, 403, 'observer reading ledger entries');
    await page.screenshot({ path: join(out, 'observer.png'), fullPage: true });
  }],
  ['a wrong token is refused and the view stays public', async () => {
    await page.fill('#token', 'not-a-token');
    await page.click('#token-form button[type=submit]');
    await page.waitForSelector('#error:not([hidden])');
    assert.match(await page.textContent('#error'), /unauthenticated: unknown API token/);
    assert.equal(await page.textContent('#role'), 'public');
  }],
  ['a party token unlocks the party view', async () => {
    await unlockWith(TOKENS.US);
    assert.equal(await page.textContent('#role'), 'party US');
    await page.waitForSelector('#ledger-entries tbody tr');
    assert.equal(await page.locator('#ledger-entries tbody tr').count(), SUBMITTED);
  }],
  ['an inclusion proof checks in the browser', async () => {
    await page.click('#ledger-entries button[data-index="3"]');
    await page.waitForSelector('#proof-result[data-ok]');
    assert.equal(await page.getAttribute('#proof-result', 'data-ok'), 'true', await page.textContent('#proof-result'));
    assert.match(await page.textContent('#proof-result'), new RegExp(`entry 3 is in the tree of ${SUBMITTED}`));
  }],
  ['a simulation reaches 100% and shows its result', async () => {
    await page.waitForSelector('#sim-scenario option[value="three-bases"]', { state: 'attached' });
    await page.selectOption('#sim-scenario', 'three-bases');
    await page.fill('#sim-trials', '300000');
    await page.click('#sim-start');
    await page.waitForSelector('#sim-summary', { timeout: 60000 });
    assert.equal(await page.getAttribute('#sim-progress', 'value'), '100');
    assert.equal(await page.textContent('#sim-progress-label'), '100%');
    assert.match(await page.textContent('#sim-summary'), /Detected within the year in \d+\.\d% of 300,000 trials/);
    const points = await page.evaluate(() => window.verity.simulationCharts[0].getDatasetMeta(0).data.length);
    assert.equal(points, 18, 'one point per inspection of the year (10 Type One + 8 Type Two)');
    await page.screenshot({ path: join(out, 'party.png'), fullPage: true });
  }],
]);

await browser.close();
const code = await server.stop();
if (code !== 0) console.log(`FAIL verity serve exited ${code} after SIGTERM:\n${server.log()}`);
console.log(`screenshots in ${out}`);
process.exit(failed > 0 || code !== 0 ? 1 : 0);
