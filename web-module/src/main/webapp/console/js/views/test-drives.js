// Test drives: the schedule of the caller's dealerships for a week (GET /test-drives?from&to, by
// start), from the date in the search (today by default); a scheduled drive can be cancelled.
import { call, get } from '../api.js';
import { alertBox, fragmentQuery, h, searchesBy, show, table } from '../dom.js';

const DAYS = 7;

export const autoRefresh = false;

function isoDate(date) {
  return date.toISOString().substring(0, 10);
}

export async function render({ args }) {
  const query = fragmentQuery();
  const from = /^\d{4}-\d{2}-\d{2}$/.test(query.get('from') || '') ? query.get('from') : isoDate(new Date());
  const to = isoDate(new Date(Date.parse(`${from}T00:00:00Z`) + (DAYS - 1) * 86_400_000));
  const form = h(
    'form',
    { class: 'inline', role: 'search' },
    h('div', {}, h('label', { for: 'drives-from' }, 'Week from'), h('input', { id: 'drives-from', name: 'from', type: 'date', value: from })),
    h('div', {}, h('label', { for: 'drives-dealership' }, 'Dealership'), h('input', { id: 'drives-dealership', name: 'dealership', value: query.get('dealership') || '' })),
    h('button', { type: 'submit' }, 'Show'),
  );
  searchesBy(form, 'test-drives');
  const filters = new URLSearchParams({ from, to });
  if (query.get('dealership')) {
    filters.set('dealership', query.get('dealership'));
  }
  const drives = await get(`/test-drives?${filters}`);
  const result = h('div', { id: 'drives-result', 'aria-live': 'polite' });
  const rows = drives.map((drive) => [
    drive.startsAt,
    drive.endsAt,
    h('a', { href: `#/inventory/${drive.vehicleId}` }, `#${drive.vehicleId}`),
    h('a', { href: `#/leads/${drive.leadId}` }, `#${drive.leadId}`),
    drive.dealershipCode,
    drive.salesperson,
    drive.status,
    drive.status === 'SCHEDULED' ? h('button', { type: 'button', class: 'secondary cancel-drive', 'data-drive': drive.id, onclick: () => cancel(drive, args) }, 'Cancel') : '—',
  ]);
  show(
    h('h1', {}, 'Test drives'),
    form,
    result,
    table(`${drives.length} test drives from ${from} to ${to} (UTC)`, ['Starts', 'Ends', 'Vehicle', 'Lead', 'Dealership', 'Salesperson', 'Status', 'Action'], rows, { id: 'drives-table' }),
  );
}

async function cancel(drive, args) {
  try {
    await call('POST', `/test-drives/${drive.id}/cancel`);
    await render({ args });
    document.getElementById('drives-result').replaceChildren(h('div', { class: 'ok', role: 'status' }, `Test drive #${drive.id} cancelled`));
  } catch (e) {
    document.getElementById('drives-result').replaceChildren(alertBox(e.explanation));
  }
}
