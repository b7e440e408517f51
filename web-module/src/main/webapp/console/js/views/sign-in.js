// Sign-in: through the organisation's OpenID Connect provider (single sign-on, when configured:
// the server runs the authorization code flow with PKCE and sets the session cookie), or with a
// local account: username and password, then the one-time code when the account has a second
// factor (the server answers totp-required). The session is an HttpOnly cookie either way.
import { call, get } from '../api.js';
import { alertBox, h, show } from '../dom.js';

export async function render({ onSignedIn }) {
  const error = h('div', { id: 'sign-in-error' });
  if (location.hash.includes('sso=failed')) {
    error.append(alertBox('Single sign-on did not complete: try again, or sign in with a local account'));
  }
  let sso = { enabled: false };
  try {
    sso = await get('/auth/sso');
  } catch {
    // the local sign-in works without it
  }
  const ssoLink = sso.enabled
    ? h('p', {}, h('a', { id: 'sso', class: 'button', href: '/api/v1/auth/sso/login' }, 'Sign in with your organisation’s account'))
    : null;
  const username = h('input', { id: 'username', name: 'username', autocomplete: 'username', required: true });
  const password = h('input', { id: 'password', name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const totp = h('input', { id: 'totp', name: 'totp', inputmode: 'numeric', autocomplete: 'one-time-code' });
  const totpField = h('div', { hidden: true }, h('label', { for: 'totp' }, 'One-time code (authenticator app or recovery code)'), totp);
  const button = h('button', { type: 'submit', id: 'sign-in' }, 'Sign in');
  const form = h(
    'form',
    { class: 'signin', novalidate: true },
    h('label', { for: 'username' }, 'Username'),
    username,
    h('label', { for: 'password' }, 'Password'),
    password,
    totpField,
    button,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.replaceChildren();
    button.disabled = true;
    const body = { username: username.value, password: password.value };
    if (!totpField.hidden && totp.value) {
      body.totp = totp.value;
    }
    try {
      const { data } = await call('POST', '/auth/session', { body });
      onSignedIn(data);
    } catch (e) {
      if (e.kind === 'totp-required') {
        totpField.hidden = false;
        if (body.totp) {
          error.append(alertBox('The one-time code is not valid'));
        }
        totp.focus();
      } else {
        error.append(alertBox(e.kind === 'authentication-failed' ? 'Wrong username or password' : e.explanation));
      }
    } finally {
      button.disabled = false;
    }
  });
  show(h('h1', {}, 'Sign in to the Forecourt console'), error, ssoLink, ssoLink ? h('h2', {}, 'Or with a local account') : null, form);
  document.title = 'Sign in · Forecourt console';
}
