// The Verity dashboard. The public view needs no token; a party or admin
// token unlocks the ledger detail, ambiguities, inspections and simulations.
import type { Chart } from 'chart.js';
import { ApiError, get, setToken, type Aggregate, type Principal, type PublicCompliance, type Treaty } from './api';
import { byId, notice } from './dom';
import { renderAggregates } from './views/aggregates';
import { renderCompliance } from './views/compliance';
import { detailSections } from './views/sections';
import { simulationCharts } from './views/simulation';
import { addLedgerSeries, removeLedgerSeries } from './views/ledger_series';
import { canSeeDetail } from './views/access';
import { analysisCharts, renderCompare, renderUpload } from './views/analysis';
import { renderWitnessing } from './views/witnessing';

const TOKEN_KEY = 'verity-token';

interface DashboardState {
  charts: Record<string, Chart>;
  simulationCharts: Chart[];
  analysisCharts: Record<string, Chart>;
  principal: Principal | null;
  ready: boolean;
}

// Exposed for the browser tests and for curious users in the console.
const state: DashboardState = { charts: {}, simulationCharts, analysisCharts, principal: null, ready: false };
(window as unknown as { verity: DashboardState }).verity = state;

function showError(e: unknown): void {
  const box = byId('error');
  box.textContent = e instanceof ApiError ? `${e.code}: ${e.message}` : String(e);
  box.hidden = false;
}

async function renderPublic(): Promise<void> {
  const [treaty, agg, compliance] = await Promise.all([
    get<Treaty>('/treaty'),
    get<{ aggregates: Aggregate[] }>('/public/aggregates'),
    get<PublicCompliance>('/public/compliance'),
  ]);
  byId('treaty-name').textContent = `${treaty.name} · limits bind from ${treaty.dates.limits_binding}`;
  state.charts = renderAggregates(byId('aggregates'), treaty, agg.aggregates);
  renderCompliance(byId('compliance'), compliance);
  // The analysis panels fail on their own: the rest of the page stays.
  for (const [id, render] of [['upload', renderUpload], ['compare', renderCompare], ['witnessing', renderWitnessing]] as const) {
    const box = byId(id);
    await render(box).catch((e: unknown) => notice(box, e instanceof ApiError ? `${e.code}: ${e.message}` : String(e), 'error'));
  }
}

async function renderForPrincipal(): Promise<void> {
  byId('error').hidden = true;
  const who = await get<Principal>('/whoami');
  state.principal = who;
  byId('role').textContent =
    who.role === 'party' ? `party ${who.party}` : who.role === 'anonymous' ? 'public' : who.role;
  if (canSeeDetail(who)) {
    const parties = (await get<{ parties: { id: string }[] }>('/parties')).parties.map((p) => p.id);
    await addLedgerSeries(state.charts, parties).catch(showError);
  } else {
    removeLedgerSeries(state.charts);
  }
  for (const section of detailSections) {
    const box = byId(section.id);
    try {
      await section.render(box, who);
    } catch (e) {
      notice(box, e instanceof ApiError ? `${e.code}: ${e.message}` : String(e), 'error');
    }
  }
}

async function unlock(token: string): Promise<void> {
  setToken(token);
  if (token) sessionStorage.setItem(TOKEN_KEY, token);
  else sessionStorage.removeItem(TOKEN_KEY);
  try {
    await renderForPrincipal();
  } catch (e) {
    setToken('');
    sessionStorage.removeItem(TOKEN_KEY);
    byId('role').textContent = 'public';
    showError(e);
  }
}

async function main(): Promise<void> {
  byId('token-form').addEventListener('submit', (ev) => {
    ev.preventDefault();
    void unlock(byId<HTMLInputElement>('token').value);
  });
  byId('token-clear').addEventListener('click', () => {
    byId<HTMLInputElement>('token').value = '';
    void unlock('');
  });
  try {
    await renderPublic();
    await unlock(sessionStorage.getItem(TOKEN_KEY) ?? '');
  } catch (e) {
    showError(e);
  }
  state.ready = true;
  document.body.dataset.ready = 'true';
}

void main();
