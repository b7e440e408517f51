// The audit trail: the latest records (filters: entity type, subject, action), the hash chain's
// verification, and every matching record as CSV (downloaded through the API, Accept: text/csv).
import { call, get } from '../api.js';
import { alertBox, fragmentQuery, h, searchesBy, show, table } from '../dom.js';

export async function render() {
  const query = fragmentQuery();
  const filters = new URLSearchParams();
  for (const name of ['entityType', 'subject', 'action']) {
    if (query.get(name)) {
      filters.set(name, query.get(name));
    }
  }
  const page = await get(`/admin/audit?limit=50&${filters}`);
  const result = h('div', { id: 'audit-result', 'aria-live': 'polite' });
  const field = (name, label) => h('div', {}, h('label', { for: `audit-${name}` }, label), h('input', { id: `audit-${name}`, name, value: query.get(name) || '' }));
  const form = h('form', { class: 'inline', role: 'search' }, field('entityType', 'Entity type'), field('subject', 'Subject'), field('action', 'Action'), h('button', { type: 'submit' }, 'Filter'));
  searchesBy(form, 'audit');
  const verify = h('button', { type: 'button', id: 'audit-verify', class: 'secondary' }, 'Verify the chain');
  verify.addEventListener('click', async () => {
    try {
      const check = await get('/admin/audit/verify');
      result.replaceChildren(
        check.intact
          ? h('div', { class: 'ok', role: 'status' }, `The chain is intact: ${check.checkedRecords} records checked (up to #${check.lastSeq})`)
          : alertBox(`The chain is broken at #${check.firstBrokenSeq}: ${check.problem}`),
      );
    } catch (e) {
      result.replaceChildren(alertBox(e.explanation));
    }
  });
  const csv = h('button', { type: 'button', id: 'audit-csv', class: 'secondary' }, 'Export as CSV');
  csv.addEventListener('click', async () => {
    try {
      const { response } = await call('GET', `/admin/audit?${filters}`, { headers: { Accept: 'text/csv' }, raw: true });
      const link = h('a', { href: URL.createObjectURL(await response.blob()), download: 'forecourt-audit.csv', id: 'audit-csv-file' }, 'forecourt-audit.csv');
      result.replaceChildren(h('div', { class: 'ok', role: 'status' }, 'Ready to save: ', link));
    } catch (e) {
      result.replaceChildren(alertBox(e.explanation || e.message));
    }
  });
  show(
    h('h1', {}, 'Audit trail'),
    form,
    h('p', {}, verify, ' ', csv),
    result,
    table(
      'The latest 50 records, newest first',
      ['When', 'Subject', 'Action', 'Entity', 'Outcome', 'Correlation'],
      page.items.map((r) => [r.occurredAt, r.subject, r.action, `${r.entityType} ${r.entityId ?? ''}`.trim(), r.outcome, r.correlationId || '—']),
      { id: 'audit-table' },
    ),
  );
}
