// Runtime configuration: every forecourt.* key with its type, default, value and source; a change
// is checked by the key's own rules on the server (a bad value is refused with the reason, nothing
// applied), audited and applied by every node within seconds. Secrets are shown masked; "server"
// keys are changed in the server's configuration only; "restart" keys apply after a restart.
import { call, get } from '../api.js';
import { alertBox, h, show, table } from '../dom.js';

export async function render({ args }) {
  const settings = await get('/admin/settings');
  const changeable = settings.filter((s) => s.change !== 'server');
  const result = h('div', { id: 'setting-result', 'aria-live': 'polite' });
  const key = h('select', { id: 'setting-key', name: 'key' }, changeable.map((s) => h('option', { value: s.key, selected: s.key === args[0] }, s.key)));
  const value = h('input', { id: 'setting-value', name: 'value', autocomplete: 'off' });
  const describe = () => {
    const s = settings.find((x) => x.key === key.value);
    value.value = s && !s.secret ? s.value ?? '' : '';
    value.type = s && s.secret ? 'password' : 'text';
  };
  key.addEventListener('change', describe);
  describe();
  const save = h('button', { type: 'submit', id: 'setting-save' }, 'Save');
  const reset = h('button', { type: 'button', id: 'setting-reset', class: 'secondary' }, 'Back to the server’s value');
  const done = async (text) => {
    await render({ args: [key.value] });
    document.getElementById('setting-result').replaceChildren(h('div', { class: 'ok', role: 'status' }, text));
  };
  const form = h('form', { class: 'inline', id: 'setting-form' }, h('div', {}, h('label', { for: 'setting-key' }, 'Key'), key), h('div', {}, h('label', { for: 'setting-value' }, 'Value'), value), save, reset);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    result.replaceChildren();
    try {
      await call('PUT', `/admin/settings/${encodeURIComponent(key.value)}`, { body: { value: value.value } });
      await done(`${key.value} changed: every node applies it within seconds`);
    } catch (e) {
      result.replaceChildren(alertBox(`Refused: ${e.explanation}`));
    }
  });
  reset.addEventListener('click', async () => {
    result.replaceChildren();
    try {
      await call('DELETE', `/admin/settings/${encodeURIComponent(key.value)}`);
      await done(`${key.value} is the server’s value again`);
    } catch (e) {
      result.replaceChildren(alertBox(e.kind === 'not-found' ? 'No value was set here for this key' : e.explanation));
    }
  });
  const rows = settings.map((s) => [h('code', {}, s.key), s.type, s.secret && s.value ? '****' : s.value ?? '—', s.source ?? '—', s.defaultValue ?? '—', s.change, (s.problems || []).join('; ') || '']);
  show(
    h('h1', {}, 'Settings'),
    h('p', { class: 'muted' }, 'A change is checked by the same rules as the deployment check, audited, and applied by every node within seconds; “restart” keys apply after a restart, “server” keys only in the server’s configuration.'),
    form,
    result,
    table('Configuration keys', ['Key', 'Type', 'Value', 'Source', 'Default', 'Change', 'Problems'], rows, { id: 'settings-table' }),
  );
}
