// Access: local accounts (invite, disable, enable) and API keys (create — the key shown once —,
// revoke), as the user-administration and API-key APIs allow the caller (a manager invites and sees
// the sales staff of their dealerships).
import { call, get } from '../api.js';
import { alertBox, checkboxes, checked, field, h, list, show, shownOnce, submits, table } from '../dom.js';

const ROLES = ['sales', 'manager', 'admin'];
const SCOPES = ['inventory:read', 'inventory:write', 'leads:write', 'webhooks:manage'];

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
  const invite = submits(
    h(
      'form',
      { id: 'invite-form', class: 'inline', 'aria-label': 'Invite a user' },
      field('invite-username', 'Username', { name: 'username', required: true, autocomplete: 'off' }),
      field('invite-email', 'E-mail', { name: 'email', type: 'email', required: true }),
      checkboxes('roles', 'Roles', admin ? ROLES : ['sales'], ['sales']),
      field('invite-dealerships', 'Dealerships (codes, comma-separated)', { name: 'dealerships' }),
      h('button', { type: 'submit', id: 'invite-submit' }, 'Invite'),
    ),
    result,
    async (form) => {
      const values = new FormData(form);
      const body = { username: values.get('username'), email: values.get('email'), roles: checked(form, 'roles'), dealerships: list(values.get('dealerships')) };
      const { data } = await call('POST', '/users', { body });
      await render({ caller });
      document.getElementById('access-result').replaceChildren(h('div', { class: 'ok', role: 'status' }, `${data.username} invited: the invitation went to ${data.email}`));
    },
  );
  const newKey = submits(
    h(
      'form',
      { id: 'key-form', class: 'inline', 'aria-label': 'Create an API key' },
      field('key-name', 'Name', { name: 'name', required: true }),
      checkboxes('scopes', 'Scopes', SCOPES, ['inventory:read']),
      field('key-dealerships', 'Dealerships (codes, comma-separated)', { name: 'dealerships' }),
      field('key-expires', 'Expires on (optional)', { name: 'expires', type: 'date' }),
      h('button', { type: 'submit', id: 'key-submit' }, 'Create key'),
    ),
    result,
    async (form) => {
      const values = new FormData(form);
      const expires = values.get('expires');
      const body = { name: values.get('name'), scopes: checked(form, 'scopes'), dealerships: list(values.get('dealerships')), expiresAt: expires ? `${expires}T00:00:00Z` : null };
      const { data } = await call('POST', '/api-keys', { body });
      await render({ caller });
      document.getElementById('access-result').replaceChildren(shownOnce(`API key ${data.name} created.`, data.key, 'new-key'));
    },
  );
  show(
    h('h1', {}, 'Users and API keys'),
    result,
    h('h2', {}, 'Local accounts'),
    invite,
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
          newKey,
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
