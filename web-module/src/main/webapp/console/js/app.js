// The console's shell: the session, the navigation by role, and the router (#/<screen>/<arg>).
import { ProblemError, call, freshScreen, goneOffline, onSignedOut, session } from './api.js';
import * as api from './api.js';
import { alertBox, h, show, status } from './dom.js';
import * as access from './views/access.js';
import * as audit from './views/audit.js';
import * as business from './views/business.js';
import * as deadLetters from './views/dead-letters.js';
import * as deals from './views/deals.js';
import * as executive from './views/executive.js';
import * as inventory from './views/inventory.js';
import * as leads from './views/leads.js';
import * as operations from './views/operations.js';
import * as settings from './views/settings.js';
import * as signIn from './views/sign-in.js';
import * as technical from './views/technical.js';
import * as testDrives from './views/test-drives.js';
import * as webhooks from './views/webhooks.js';
import * as sla from './views/sla.js';

const SCREENS = {
  executive,
  business,
  technical,
  sla,
  inventory,
  leads,
  'test-drives': testDrives,
  deals,
  'dead-letters': deadLetters,
  webhooks,
  access,
  audit,
  operations,
  settings,
};
const REFRESH_SECONDS = 60;

let caller = null;
let refreshTimer = null;

function home() {
  const groups = caller.groups;
  return groups.includes('admin') || groups.includes('manager') ? '#/executive' : '#/inventory';
}

function allowed(item) {
  const roles = (item.dataset.roles || '').split(' ');
  return caller && caller.groups.some((group) => roles.includes(group));
}

function renderShell() {
  const nav = document.getElementById('nav');
  nav.hidden = !caller;
  for (const item of nav.querySelectorAll('li')) {
    item.hidden = !allowed(item);
  }
  document.getElementById('who').textContent = caller ? `Signed in as ${caller.name}` : '';
  document.getElementById('sign-out').hidden = !caller;
}

async function route() {
  clearInterval(refreshTimer);
  freshScreen();
  if (!caller && api.offline) {
    // no server and no session of this tab: the public inventory as last seen
    await inventory.render({ caller: null, args: [] }).catch((error) => show(h('h1', {}, 'Inventory'), alertBox(error.message)));
    markStale();
    return;
  }
  if (!caller) {
    signIn.render({ onSignedIn });
    return;
  }
  const [path] = location.hash.replace(/^#\/?/, '').split('?');
  const [name, ...args] = path.split('/');
  const screen = SCREENS[name];
  const link = document.querySelector(`#nav a[href="#/${name}"]`);
  if (!screen || !link || !allowed(link.parentElement)) {
    location.replace(home());
    return;
  }
  for (const a of document.querySelectorAll('#nav a')) {
    a.toggleAttribute('aria-current', a === link);
    if (a === link) {
      a.setAttribute('aria-current', 'page');
    }
  }
  document.title = `${link.textContent} · Forecourt console`;
  try {
    await screen.render({ caller, args });
    markStale();
    if (screen.autoRefresh && !api.offline) {
      refreshTimer = setInterval(() => screen.render({ caller, args, refreshing: true }).catch(() => {}), REFRESH_SECONDS * 1000);
    }
  } catch (error) {
    show(h('h1', {}, link.textContent), alertBox(error.explanation || error.message));
  }
}

/** Says so above the screen when its data is a copy (offline). */
function markStale() {
  if (api.offline || api.staleSince) {
    const since = api.staleSince ? ` (as of ${api.staleSince})` : '';
    document.getElementById('main').prepend(h('p', { class: 'stale', role: 'status', id: 'stale' }, `Offline: the server cannot be reached. This is the data as last seen${since}; changes are not possible.`));
  }
}

function onSignedIn(view) {
  caller = session(view);
  sessionStorage.setItem('forecourt:caller', JSON.stringify({ name: view.name, groups: view.groups }));
  renderShell();
  if (!location.hash || location.hash.startsWith('#/sign-in')) {
    location.hash = home();
  } else {
    route();
  }
}

async function signOut() {
  try {
    await call('DELETE', '/auth/session');
  } finally {
    caller = session(null);
    sessionStorage.clear();
    renderShell();
    status('Signed out');
    location.hash = '#/sign-in';
    route();
  }
}

onSignedOut(() => {
  caller = session(null);
  sessionStorage.clear();
  renderShell();
  status('Your session ended: sign in again');
  route();
});

window.addEventListener('hashchange', route);
document.getElementById('sign-out').addEventListener('click', signOut);

if ('serviceWorker' in navigator) {
  navigator.serviceWorker.register('sw.js').catch(() => status('Offline use is not available in this browser'));
}

try {
  caller = session((await call('GET', '/auth/session')).data);
} catch (error) {
  caller = null;
  if (!(error instanceof ProblemError)) {
    // the server cannot be reached: this tab's session, if any, reads its dashboards' last figures
    goneOffline(true);
    const kept = sessionStorage.getItem('forecourt:caller');
    caller = kept ? JSON.parse(kept) : null;
  }
}
renderShell();
route();
