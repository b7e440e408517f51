// Business dashboard: the lead funnel by stage, the lead sources, vehicle views and inquiries per
// dealership, and the most viewed vehicles (the last 30 days).
import { get } from '../api.js';
import { card, chart, format, h, show, table } from '../dom.js';

export const autoRefresh = true;
const DAYS = 30;

export async function render() {
  const to = new Date();
  const from = new Date(to.getTime() - (DAYS - 1) * 86400000);
  const day = (d) => d.toISOString().substring(0, 10);
  const [funnel, interest] = await Promise.all([
    get('/reports/funnel'),
    get(`/reports/vehicle-interest?from=${day(from)}&to=${day(to)}&limit=10`),
  ]);
  const stages = Object.entries(funnel.leadsByStage);
  const sources = Object.entries(funnel.leadsBySource || {});
  show(
    h('h1', {}, 'Business dashboard'),
    h('div', { class: 'cards' }, card('Leads', format(funnel.total), 'funnel-total'), card('Views (30 days)', format(interest.dealerships.reduce((n, d) => n + d.views, 0)), 'views-total'), card('Inquiries (30 days)', format(interest.dealerships.reduce((n, d) => n + d.inquiries, 0)), 'inquiries-total')),
    h('h2', {}, 'Lead funnel'),
    chart('Leads per funnel stage (bar chart; the table below has the same figures)', {
      type: 'bar',
      data: { labels: stages.map(([stage]) => stage), datasets: [{ label: 'Leads', data: stages.map(([, n]) => n) }] },
      options: { indexAxis: 'y', plugins: { legend: { display: false } } },
    }),
    table('Leads per stage', ['Stage', 'Leads'], stages, { id: 'funnel-table' }),
    h('h2', {}, 'Lead sources'),
    chart('Leads per source (doughnut chart; the table below has the same figures)', {
      type: 'doughnut',
      data: { labels: sources.map(([source]) => source), datasets: [{ label: 'Leads', data: sources.map(([, n]) => n) }] },
    }),
    table('Leads per source', ['Source', 'Leads'], sources, { id: 'sources-table' }),
    h('h2', {}, `Vehicle interest, ${day(from)} to ${day(to)}`),
    table('Views and inquiries per dealership', ['Dealership', 'Views', 'Inquiries'], interest.dealerships.map((d) => [d.dealershipCode, d.views, d.inquiries]), { id: 'interest-table' }),
    table('Most viewed vehicles', ['Vehicle', 'Dealership', 'Views', 'Inquiries'], interest.mostViewed.map((v) => [h('a', { href: `#/inventory/${v.vehicleId}` }, `#${v.vehicleId}`), v.dealershipCode, v.views, v.inquiries]), { id: 'top-vehicles' }),
  );
}
