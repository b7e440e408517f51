// The one place the console talks to the server: /api/v1 of this origin, authenticated by the
// session cookie (HttpOnly: this code never sees the token), the session's CSRF token on every
// request that changes state, problem+json answers thrown as ProblemError. An expired access token
// is refreshed once (POST /auth/session/refresh) and the request repeated.

const BASE = '/api/v1';
const SAFE = new Set(['GET', 'HEAD']);
/** Reads kept in sessionStorage for offline use: the dashboards' figures, for this session only. */
const KEPT = /^\/(reports|admin\/sla|status)(\/|\?|$)/;

let csrfToken = null;
/** Counts the screens shown: a read answered after the caller moved to another screen is dropped. */
let screenGeneration = 0;
let signedOut = () => {};

/** An answer that is not 2xx, with its RFC 9457 problem. */
export class ProblemError extends Error {
  constructor(status, problem) {
    super(problem.detail || problem.title || `The server answered ${status}`);
    this.status = status;
    this.problem = problem;
  }

  /** The problem's kind, e.g. "validation-failed". */
  get kind() {
    return (this.problem.type || '').replace(/^.*\/problems\//, '');
  }

  /** What to show: the title, the detail and each field's message. */
  get explanation() {
    const fields = (this.problem.errors || []).map((e) => `${e.field}: ${e.message}`);
    return [this.problem.title, this.problem.detail, ...fields].filter(Boolean).join(' — ');
  }
}

/** Called with the error when the session is gone (401 after a refresh attempt). */
export function onSignedOut(callback) {
  signedOut = callback;
}

export function session(view) {
  csrfToken = view ? view.csrfToken : null;
  return view;
}

export async function call(method, path, { body, headers = {}, retry = true, raw = false } = {}) {
  const generation = screenGeneration;
  const sent = { Accept: 'application/json, application/problem+json', ...headers };
  const file = body instanceof Blob;
  if (body !== undefined) {
    // a file (a photo) goes as it is, with its own type; anything else as JSON
    sent['Content-Type'] = file ? body.type || 'application/octet-stream' : 'application/json';
  }
  if (!SAFE.has(method) && csrfToken) {
    sent['X-CSRF-Token'] = csrfToken;
  }
  const response = await fetch(BASE + path, {
    method,
    headers: sent,
    body: body === undefined || file ? body : JSON.stringify(body),
    credentials: 'same-origin',
    cache: 'no-store',
  });
  if (response.status === 401 && retry && csrfToken && !path.startsWith('/auth/session')) {
    if (await refresh()) {
      return call(method, path, { body, headers, retry: false, raw });
    }
  }
  if (!response.ok) {
    let problem = {};
    try {
      problem = await response.json();
    } catch {
      // no body
    }
    const error = new ProblemError(response.status, problem);
    if (response.status === 401 && !path.startsWith('/auth/session')) {
      signedOut(error);
    }
    throw error;
  }
  if (SAFE.has(method) && generation !== screenGeneration) {
    // a read for a screen the caller has left (a slow answer): it never settles, so that screen's
    // code stops here instead of drawing itself over the newer one
    return new Promise(() => {});
  }
  if (raw) {
    // the caller reads the body itself (a download)
    return { data: null, etag: response.headers.get('ETag'), response };
  }
  const type = response.headers.get('Content-Type') || '';
  const data = response.status === 204 ? null : type.includes('json') ? await response.json() : await response.text();
  return { data, etag: response.headers.get('ETag'), response };
}

/** Whether the console runs without the server (the session could not be read). */
export let offline = false;

/** Since when the data shown comes from a copy (offline), or null. */
export let staleSince = null;

export function goneOffline(value) {
  offline = value;
}

/** A new screen begins: nothing it shows is stale yet, and reads of the one before are dropped. */
export function freshScreen() {
  staleSince = null;
  screenGeneration += 1;
}

/**
 * A read. A dashboard's figures are kept in sessionStorage (gone with the session, and at sign-out)
 * and shown from there, marked stale, when the server cannot be reached; the public inventory's
 * copy comes from the service worker (X-Forecourt-Offline).
 */
export async function get(path) {
  try {
    const { data, response } = await call('GET', path);
    if (response.headers.get('X-Forecourt-Offline')) {
      staleSince = response.headers.get('X-Forecourt-Offline');
    } else if (KEPT.test(path)) {
      sessionStorage.setItem(`forecourt:${path}`, JSON.stringify({ at: new Date().toUTCString(), data }));
    }
    return data;
  } catch (error) {
    const kept = error instanceof ProblemError ? null : sessionStorage.getItem(`forecourt:${path}`);
    if (!kept) {
      throw error;
    }
    const { at, data } = JSON.parse(kept);
    staleSince = at;
    return data;
  }
}

async function refresh() {
  try {
    const { data } = await call('POST', '/auth/session/refresh', { retry: false });
    session(data);
    return true;
  } catch {
    session(null);
    return false;
  }
}
