// Executive dashboard: revenue and deals by dealership and month (the last six months, closed
// deals), and the lead conversion rate. A manager sees their dealerships only: the API scopes.
import { get } from '../api.js';
import { card, chart, format, h, money, show, table } from '../dom.js';

export const autoRefresh = true;
const MONTHS = 6;

function months() {
  const now = new Date();
  const out = [];
  for (let i = MONTHS - 1; i >= 0; i--) {
    const first = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - i, 1));
    const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0));
    out.push({ label: first.toISOString().substring(0, 7), from: first.toISOString().substring(0, 10), to: last.toISOString().substring(0, 10) });
  }
  return out;
}

export async function render() {
  const periods = months();
  const [funnel, ...revenue] = await Promise.all([
    get('/reports/funnel'),
    ...periods.map((p) => get(`/reports/revenue?from=${p.from}&to=${p.to}`)),
  ]);
  const rows = [];
  const totals = new Map();
  let deals = 0;
  const dealerships = new Set();
  revenue.forEach((lines, i) => {
    for (const line of lines) {
      dealerships.add(line.dealershipCode);
      rows.push([periods[i].label, line.dealershipCode, line.deals, money(line.revenue, line.currency)]);
      totals.set(line.currency, (totals.get(line.currency) || 0) + Number(line.revenue));
      deals += line.deals;
    }
  });
  const revenueText = totals.size === 0 ? '0' : [...totals].map(([currency, amount]) => money(amount, currency)).join(', ');
  const conversion = funnel.conversionRate === null || funnel.conversionRate === undefined ? '—' : `${format(funnel.conversionRate * 100)} %`;
  const series = [...dealerships].sort().map((code) => ({
    label: code,
    data: revenue.map((lines) => Number((lines.find((l) => l.dealershipCode === code) || { revenue: 0 }).revenue)),
  }));
  show(
    h('h1', {}, 'Executive dashboard'),
    h('p', { class: 'muted' }, `Closed deals of the last ${MONTHS} months (UTC), ${periods[0].from} to ${periods[MONTHS - 1].to}. Refreshes every minute.`),
    h('div', { class: 'cards' }, card('Revenue', revenueText, 'revenue-total'), card('Deals closed', format(deals), 'deals-total'), card('Lead conversion', conversion, 'conversion-rate'), card('Leads', format(funnel.total), 'leads-total')),
    h('h2', {}, 'Revenue by dealership and month'),
    chart('Revenue by dealership and month (bar chart; the table below has the same figures)', {
      type: 'bar',
      data: { labels: periods.map((p) => p.label), datasets: series },
      options: { scales: { x: { stacked: true }, y: { stacked: true } } },
    }),
    table('Revenue by dealership and month', ['Month', 'Dealership', 'Deals', 'Revenue'], rows, { id: 'revenue-table' }),
  );
}
