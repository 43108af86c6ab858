// For a party or admin: each party's counts replayed from the ledger, drawn
// on the limit charts beside the published numbers.
import type { Chart } from 'chart.js';
import { ApiError, get } from '../api';
import { PARTY_COLOURS, dateMs } from './aggregates';

interface Timeline {
  party: string;
  limits: string[];
  rows: { date: string; counts: number[] }[];
}

const LEDGER_SUFFIX = ' ledger';

export function removeLedgerSeries(charts: Record<string, Chart>): void {
  for (const chart of Object.values(charts)) {
    chart.data.datasets = chart.data.datasets.filter((d) => !String(d.label).endsWith(LEDGER_SUFFIX));
    chart.update();
  }
}

// Adds "<party> ledger" step lines; a server without replay (404/503) leaves
// the charts as they are.
export async function addLedgerSeries(charts: Record<string, Chart>, parties: string[]): Promise<void> {
  removeLedgerSeries(charts);
  for (const party of parties) {
    let t: Timeline;
    try {
      t = await get<Timeline>(`/parties/${encodeURIComponent(party)}/timeline`);
    } catch (e) {
      if (e instanceof ApiError && (e.status === 404 || e.status === 503)) continue;
      throw e;
    }
    t.limits.forEach((limit, i) => {
      const chart = charts[limit];
      if (!chart || t.rows.length === 0) return;
      chart.data.datasets.push({
        label: `${party}${LEDGER_SUFFIX}`,
        data: t.rows.map((r) => ({ x: dateMs(r.date), y: r.counts[i] })),
        borderColor: PARTY_COLOURS[party] ?? '#333',
        borderWidth: 1,
        borderDash: [2, 2],
        pointRadius: 0,
        stepped: true,
      } as (typeof chart.data.datasets)[number]);
      chart.update();
    });
  }
}
