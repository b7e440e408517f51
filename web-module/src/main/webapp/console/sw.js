// The console's service worker (scope /console/). It keeps:
// - the shell (page, styles, scripts, icons, Chart.js): fetched from the server first, so a new
//   release shows at once, and from the cache when the server cannot be reached;
// - the public inventory (GET /api/v1/vehicles..., /api/v1/dealerships) as last seen: an anonymous
//   copy fetched with credentials omitted, served only when the server cannot be reached, marked
//   with X-Forecourt-Offline (the copy's date) so that the page says the data is stale.
// Nothing a signed-in caller gets is cached here: the last-viewed dashboards are kept by the page
// in sessionStorage, which ends with the session.
const RELEASE = '${project.version}';
const SHELL_CACHE = `forecourt-shell-${RELEASE}`;
const PUBLIC_CACHE = 'forecourt-public';
const SHELL = [
  './',
  'console.css',
  'manifest.webmanifest',
  'icons/icon-192.png',
  'js/app.js',
  'js/api.js',
  'js/dom.js',
  'js/views/access.js',
  'js/views/audit.js',
  'js/views/business.js',
  'js/views/dead-letters.js',
  'js/views/deals.js',
  'js/views/executive.js',
  'js/views/inventory.js',
  'js/views/leads.js',
  'js/views/operations.js',
  'js/views/settings.js',
  'js/views/sign-in.js',
  'js/views/sla.js',
  'js/views/technical.js',
  'js/views/test-drives.js',
  'js/views/webhooks.js',
  'lib/chart.js/${chart-js.version}/dist/chart.umd.min.js',
];
const PUBLIC_API = /^\/api\/v1\/(vehicles|dealerships)(\/|\?|$)/;

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(SHELL_CACHE).then((cache) => cache.addAll(SHELL)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((n) => n.startsWith('forecourt-shell-') && n !== SHELL_CACHE).map((n) => caches.delete(n))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') {
    return;
  }
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) {
    return;
  }
  if (PUBLIC_API.test(url.pathname + url.search)) {
    event.respondWith(publicData(event, url));
  } else if (url.pathname.startsWith('/console/')) {
    event.respondWith(shell(request, url));
  }
});

async function shell(request, url) {
  const cache = await caches.open(SHELL_CACHE);
  if (url.pathname.startsWith('/console/lib/')) {
    const kept = await cache.match(request);
    if (kept) {
      return kept;
    }
  }
  try {
    const response = await fetch(request);
    if (response.ok) {
      await cache.put(request, response.clone());
    }
    return response;
  } catch (offline) {
    const kept = (await cache.match(request, { ignoreSearch: true })) || (request.mode === 'navigate' ? await cache.match('./') : null);
    if (kept) {
      return kept;
    }
    throw offline;
  }
}

async function publicData(event, url) {
  try {
    const response = await fetch(event.request);
    event.waitUntil(keepAnonymousCopy(url.href));
    return response;
  } catch (offline) {
    const kept = await (await caches.open(PUBLIC_CACHE)).match(url.href);
    if (!kept) {
      throw offline;
    }
    const headers = new Headers(kept.headers);
    headers.set('X-Forecourt-Offline', kept.headers.get('Date') || 'unknown');
    return new Response(await kept.blob(), { status: kept.status, statusText: kept.statusText, headers });
  }
}

async function keepAnonymousCopy(href) {
  try {
    const copy = await fetch(href, { credentials: 'omit', cache: 'no-store' });
    if (copy.ok) {
      await (await caches.open(PUBLIC_CACHE)).put(href, copy);
    }
  } catch {
    // offline meanwhile: the older copy stays
  }
}
