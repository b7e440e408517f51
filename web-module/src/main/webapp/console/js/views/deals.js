// Deals: the latest deals the caller may see (GET /deals: newest first, by status and dealership);
// an open deal is closed (the vehicle sold, the lead won) or cancelled (the vehicle released) with
// the deal's version in If-Match: a change by someone else since is refused (412) and reloaded.
import { call, get } from '../api.js';
import { fragmentQuery, h, money, searchesBy, show, table, versionedChange } from '../dom.js';

const STATUSES = ['', 'RESERVED', 'CLOSED', 'CANCELLED'];
const LIMIT = 50;

export const autoRefresh = false;

export async function render({ args }) {
  const query = fragmentQuery();
  const status = h('select', { id: 'deal-status', name: 'status' }, STATUSES.map((s) => h('option', { value: s, selected: (query.get('status') || '') === s }, s || 'any')));
  const form = h(
    'form',
    { class: 'inline', role: 'search' },
    h('div', {}, h('label', { for: 'deal-dealership' }, 'Dealership'), h('input', { id: 'deal-dealership', name: 'dealership', value: query.get('dealership') || '' })),
    h('div', {}, h('label', { for: 'deal-status' }, 'Status'), status),
    h('button', { type: 'submit' }, 'Search'),
  );
  searchesBy(form, 'deals');
  query.set('limit', String(LIMIT));
  const page = await get(`/deals?${query}`);
  const result = h('div', { id: 'deal-result', 'aria-live': 'polite' });
  const rows = page.items.map((deal) => [
    `#${deal.id}`,
    h('a', { href: `#/leads/${deal.leadId}` }, `#${deal.leadId}`),
    h('a', { href: `#/inventory/${deal.vehicleId}` }, `#${deal.vehicleId}`),
    deal.dealershipCode,
    deal.salesperson,
    money(deal.salePrice, deal.currency),
    deal.status,
    deal.createdAt,
    deal.closedAt,
    deal.status === 'RESERVED'
      ? h(
          'span',
          { class: 'actions' },
          h('button', { type: 'button', class: 'close-deal', 'data-deal': deal.id, onclick: () => act(deal, 'close', 'closed: the vehicle is sold', args) }, 'Close'),
          ' ',
          h('button', { type: 'button', class: 'secondary cancel-deal', 'data-deal': deal.id, onclick: () => act(deal, 'cancel', 'cancelled: the vehicle is available again', args) }, 'Cancel'),
        )
      : '—',
  ]);
  show(
    h('h1', {}, 'Deals'),
    form,
    result,
    table(`${page.items.length} deals${page.nextCursor ? ` (the latest ${LIMIT})` : ''}`, ['Deal', 'Lead', 'Vehicle', 'Dealership', 'Salesperson', 'Price', 'Status', 'Opened', 'Closed', 'Action'], rows, { id: 'deals-table' }),
  );
}

async function act(deal, action, done, args) {
  await versionedChange(
    () => call('POST', `/deals/${deal.id}/${action}`, { headers: { 'If-Match': `"${deal.version}"` } }),
    () => render({ args }),
    'deal-result',
    `Deal #${deal.id} ${done}`,
    `Deal #${deal.id} was changed by someone else meanwhile: here is its current state`,
  );
}
