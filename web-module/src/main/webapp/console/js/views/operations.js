// Operations: maintenance mode, the response cache (figures, its entries — optionally those of one
// tag —, invalidation by tag on every node),
// log levels (set for every node, reset), and the clients the intrusion detection blocked.
import { call, get } from '../api.js';
import { alertBox, fragmentQuery, h, searchesBy, show, table } from '../dom.js';

const LISTED = 50;

const LEVELS = ['OFF', 'SEVERE', 'WARNING', 'INFO', 'CONFIG', 'FINE', 'FINER', 'FINEST', 'ALL'];

export async function render() {
  const shownTag = fragmentQuery().get('tag') || '';
  const [maintenance, cache, levels, blocked] = await Promise.all([
    get('/admin/maintenance'),
    get(`/admin/response-cache${shownTag ? `?tag=${encodeURIComponent(shownTag)}` : ''}`),
    get('/admin/log-levels'),
    get('/admin/security/blocked-clients'),
  ]);
  const result = h('div', { id: 'ops-result', 'aria-live': 'polite' });
  const act = async (method, path, body, done) => {
    try {
      await call(method, path, { body });
      await render();
      document.getElementById('ops-result').replaceChildren(h('div', { class: 'ok', role: 'status' }, done));
    } catch (e) {
      result.replaceChildren(alertBox(e.explanation));
    }
  };

  const message = h('input', { id: 'maintenance-message', name: 'message', value: maintenance.message || '' });
  const toggle = h('button', { type: 'submit', id: 'maintenance-toggle' }, maintenance.active ? 'End maintenance' : 'Start maintenance');
  const maintenanceForm = h('form', { class: 'inline', id: 'maintenance-form' }, h('div', {}, h('label', { for: 'maintenance-message' }, 'Message to clients'), message), toggle);
  maintenanceForm.addEventListener('submit', (event) => {
    event.preventDefault();
    const body = maintenance.active ? { active: false } : { active: true, message: message.value || undefined };
    act('PUT', '/admin/maintenance', body, maintenance.active ? 'Maintenance ended' : 'Maintenance started: every write is refused (503)');
  });

  const tag = h('input', { id: 'cache-tag', name: 'tag', placeholder: 'vehicles, vehicle:<id>, dealership:<code>' });
  const cacheForm = h('form', { class: 'inline', id: 'cache-form' }, h('div', {}, h('label', { for: 'cache-tag' }, 'Invalidate every answer tagged'), tag), h('button', { type: 'submit', id: 'cache-invalidate' }, 'Invalidate'));
  cacheForm.addEventListener('submit', (event) => {
    event.preventDefault();
    act('DELETE', `/admin/response-cache?tag=${encodeURIComponent(tag.value)}`, undefined, `Answers tagged ${tag.value} are stale on every node`);
  });

  const filter = searchesBy(
    h(
      'form',
      { class: 'inline', id: 'cache-filter-form', role: 'search' },
      h('div', {}, h('label', { for: 'cache-filter' }, 'Entries tagged'), h('input', { id: 'cache-filter', name: 'tag', value: shownTag, placeholder: 'any tag' })),
      h('button', { type: 'submit', class: 'secondary', id: 'cache-filter-show' }, 'Show'),
    ),
    'operations',
  );
  const entries = cache.listed.slice(0, LISTED);

  const logger = h('input', { id: 'log-logger', name: 'logger', value: 'dev.forecourt' });
  const level = h('select', { id: 'log-level', name: 'level' }, LEVELS.map((l) => h('option', { value: l, selected: l === 'INFO' }, l)));
  const levelForm = h('form', { class: 'inline', id: 'log-form' }, h('div', {}, h('label', { for: 'log-logger' }, 'Logger'), logger), h('div', {}, h('label', { for: 'log-level' }, 'Level'), level), h('button', { type: 'submit', id: 'log-set' }, 'Set on every node'));
  levelForm.addEventListener('submit', (event) => {
    event.preventDefault();
    act('PUT', `/admin/log-levels/${encodeURIComponent(logger.value)}`, { level: level.value }, `${logger.value} logs at ${level.value} on every node`);
  });

  show(
    h('h1', {}, 'Operations'),
    result,
    h('h2', {}, 'Maintenance mode'),
    h('p', { id: 'maintenance-state' }, maintenance.active ? `On since ${maintenance.since} (by ${maintenance.changedBy}): writes are refused.` : 'Off: the API takes writes.'),
    maintenanceForm,
    h('h2', {}, `Response cache (node ${cache.node})`),
    table('This node’s response cache', ['Entries', 'Hits', 'Misses', 'Stale served', 'Invalidations'], [[cache.entries, cache.hits, cache.misses, cache.staleServed, cache.invalidations]], { id: 'cache-table' }),
    filter,
    table(
      `${entries.length} of the ${shownTag ? `entries tagged ${shownTag}` : 'entries'} (${cache.listed.length} listed by the server; never their body)`,
      ['Key', 'Tags', 'Fresh', 'Bytes', 'Stored'],
      entries.map((e) => [e.key, e.tags.join(' '), e.fresh ? 'yes' : 'stale', e.bytes, e.storedAt]),
      { id: 'cache-entries' },
    ),
    cacheForm,
    h('h2', {}, 'Log levels'),
    table(
      'Loggers',
      ['Logger', 'Level set', 'In force here', 'Changed by', 'Action'],
      levels.map((l) => [
        l.logger,
        l.level || '—',
        l.effective || '—',
        l.changedBy || '—',
        l.level ? h('button', { type: 'button', class: 'secondary', 'data-logger': l.logger, onclick: () => act('DELETE', `/admin/log-levels/${encodeURIComponent(l.logger)}`, undefined, `${l.logger} follows the server's logging configuration again`) }, 'Reset') : '',
      ]),
      { id: 'log-table' },
    ),
    levelForm,
    h('h2', {}, 'Blocked clients'),
    blocked.length === 0
      ? h('p', { id: 'blocked-table' }, 'No client is blocked.')
      : table(
          'Addresses blocked by the intrusion detection',
          ['Address', 'Blocked until', 'Events', 'Last rule', 'Action'],
          blocked.map((b) => [b.address, b.blockedUntil, b.events, b.lastRule, h('button', { type: 'button', class: 'secondary', onclick: () => act('DELETE', `/admin/security/blocked-clients/${encodeURIComponent(b.address)}`, undefined, `${b.address} is no longer blocked`) }, 'Unblock')]),
          { id: 'blocked-table' },
        ),
  );
}
