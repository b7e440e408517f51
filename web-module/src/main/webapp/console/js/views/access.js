// Access: local accounts (disable, enable) and API keys (revoke), as the user-administration and
// API-key APIs allow the caller (a manager sees the sales staff of their dealerships).
import { call, get } from '../api.js';
import { alertBox, h, show, table } from '../dom.js';

export async function render({ caller }) {
  const admin = caller.groups.includes('admin');
  const [users, keys] = await Promise.all([get('/users?limit=100'), admin ? get('/api-keys') : Promise.resolve(null)]);
  const result = h('div', { id: 'access-result', 'aria-live': 'polite' });
  const act = async (method, path, done) => {
    try {
      await call(method, path);
      await render({ caller });
      document.getElementById('access-result').replaceChildren(h('div', { class: 'ok', role: 'status' }, done));
    } catch (e) {
      result.replaceChildren(alertBox(e.explanation));
    }
  };
  show(
    h('h1', {}, 'Users and API keys'),
    result,
    h('h2', {}, 'Local accounts'),
    table(
      'The latest 100 accounts you administer',
      ['Username', 'E-mail', 'Roles', 'Dealerships', 'Status', 'Action'],
      users.items.map((u) => [
        u.username,
        u.email,
        (u.roles || []).join(', '),
        (u.dealerships || []).join(', '),
        u.enabled ? 'enabled' : 'disabled',
        u.username === caller.name
          ? ''
          : h('button', { type: 'button', class: 'secondary', 'data-user': u.username, onclick: () => act('POST', `/users/${u.id}/${u.enabled ? 'disable' : 'enable'}`, `${u.username} ${u.enabled ? 'disabled: signed out everywhere' : 'enabled'}`) }, u.enabled ? 'Disable' : 'Enable'),
      ]),
      { id: 'users-table' },
    ),
    keys === null
      ? null
      : h(
          'section',
          { 'aria-label': 'API keys' },
          h('h2', {}, 'API keys'),
          table(
            'API keys (never their secret)',
            ['Name', 'Prefix', 'Scopes', 'Dealerships', 'Expires', 'Last used', 'Action'],
            keys.map((k) => [
              k.name,
              k.prefix,
              (k.scopes || []).join(' '),
              (k.dealerships || []).join(', '),
              k.expiresAt || '—',
              k.lastUsedAt || '—',
              k.revokedAt ? `revoked ${k.revokedAt}` : h('button', { type: 'button', class: 'secondary', onclick: () => act('DELETE', `/api-keys/${k.id}`, `${k.name} revoked`) }, 'Revoke'),
            ]),
            { id: 'keys-table' },
          ),
        ),
  );
}
