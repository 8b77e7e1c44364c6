// The ConPaaS API as the dashboard calls it: bearer tokens from POST /api/auth/login (or the
// single sign-on exchange) kept in sessionStorage, refreshed before they expire, and every
// refusal turned into an ApiError carrying the problem+json detail for the person to read.

const KEY = 'conpaas.tokens';
const JSON_TYPE = 'application/json';

export class ApiError extends Error {
  constructor(status, detail, errors) {
    super(detail);
    this.status = status;
    this.detail = detail;
    // a document's problems, one line each (a manifest's)
    this.errors = errors || [];
  }
}

export function tokens() {
  try {
    return JSON.parse(sessionStorage.getItem(KEY));
  } catch {
    return null;
  }
}

function saveTokens(answer) {
  sessionStorage.setItem(KEY, JSON.stringify({
    accessToken: answer.accessToken,
    refreshToken: answer.refreshToken,
    expiresAt: Date.now() + (answer.expiresIn || 900) * 1000,
  }));
}

export function signOut() {
  sessionStorage.removeItem(KEY);
}

/**
 * The Sign out button: the refresh token is revoked at the director (the ConPaaS session ends
 * there, not only in this tab), the tokens are forgotten, and the URL of the identity provider's
 * own sign-out is returned when the user came by single sign-on (null otherwise).
 */
export async function logOut() {
  const t = tokens();
  signOut();
  if (!t || !t.refreshToken) return null;
  try {
    const r = await fetch('/api/auth/logout', {method: 'POST', headers: {'Content-Type': JSON_TYPE, Accept: JSON_TYPE},
      body: JSON.stringify({refreshToken: t.refreshToken})});
    if (!r.ok) return null;
    const answer = await r.json();
    return answer.endSessionUrl || null;
  } catch {
    return null; // the director is unreachable: the tokens are gone from this tab all the same
  }
}

/** The token's claims (sub, preferred_username, role): for what the page shows; the services decide. */
export function claims() {
  const t = tokens();
  if (!t) return null;
  try {
    const part = t.accessToken.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
    return JSON.parse(atob(part.padEnd(part.length + (4 - part.length % 4) % 4, '=')));
  } catch {
    return null;
  }
}

export async function problem(response) {
  let detail = `${response.status} ${response.statusText}`.trim();
  let errors = [];
  try {
    const body = await response.json();
    detail = body.detail || body.title || detail;
    errors = Array.isArray(body.errors) ? body.errors : [];
  } catch {
    // not problem+json (a proxy's page): the status line is all there is
  }
  return new ApiError(response.status, detail, errors);
}

async function post(path, body) {
  const r = await fetch(path, {method: 'POST', headers: {'Content-Type': JSON_TYPE, Accept: JSON_TYPE}, body: JSON.stringify(body)});
  if (!r.ok) throw await problem(r);
  return r.json();
}

export async function login(username, password) {
  saveTokens(await post('/api/auth/login', {username, password}));
}

/** Trades the one-time code single sign-on sent back (/?sso_code=…) for tokens, as a login does. */
export async function exchangeSsoCode(code) {
  saveTokens(await post('/api/auth/sso/exchange', {code}));
}

/** The identity providers to offer; none when single sign-on is not set up (or does not answer). */
export async function ssoProviders() {
  try {
    const r = await fetch('/api/auth/sso/providers', {headers: {Accept: JSON_TYPE}});
    if (!r.ok) return [];
    const list = await r.json();
    return Array.isArray(list) ? list.filter(p => p && p.id && p.name && p.loginUrl) : [];
  } catch {
    return [];
  }
}

let refreshing = null;

function refresh() {
  if (!refreshing) {
    refreshing = (async () => {
      const t = tokens();
      if (!t || !t.refreshToken) throw new ApiError(401, 'your session ended: sign in again');
      try {
        saveTokens(await post('/api/auth/refresh', {refreshToken: t.refreshToken}));
      } catch (e) {
        signOut();
        window.dispatchEvent(new CustomEvent('conpaas:signed-out', {detail: e.detail}));
        throw e;
      }
    })().finally(() => { refreshing = null; });
  }
  return refreshing;
}

/** A valid access token, refreshed when it has less than a minute left; null when signed out. */
export async function accessToken() {
  const t = tokens();
  if (!t) return null;
  if (t.expiresAt - Date.now() < 60_000) await refresh();
  return tokens().accessToken;
}

/** Downloads a file the API serves (a code archive) and hands it to the browser under {@code name}. */
export async function download(path, name) {
  const token = await accessToken();
  const r = await fetch(path, {headers: token ? {Authorization: `Bearer ${token}`} : {}});
  if (!r.ok) throw await problem(r);
  const url = URL.createObjectURL(await r.blob());
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Calls the API; resolves the JSON answer (null for 204), rejects an ApiError with the detail. */
export async function api(method, path, body) {
  return request(method, path, body === undefined ? undefined : JSON.stringify(body), JSON_TYPE);
}

/** Sends a document as it is (a manifest: YAML or JSON text) with its content type; resolves the JSON answer. */
export async function sendDocument(method, path, text, contentType) {
  return request(method, path, text, contentType);
}

async function request(method, path, payload, contentType) {
  const send = async () => {
    const headers = {Accept: JSON_TYPE};
    const token = await accessToken();
    if (token) headers.Authorization = `Bearer ${token}`;
    if (payload !== undefined) headers['Content-Type'] = contentType;
    return fetch(path, {method, headers, body: payload});
  };
  let r = await send();
  if (r.status === 401 && tokens()) {
    await refresh();
    r = await send();
  }
  if (!r.ok) throw await problem(r);
  if (r.status === 204) return null;
  const type = r.headers.get('Content-Type') || '';
  return type.includes('json') ? r.json() : r.text();
}

/** PUTs a file with upload progress (fetch cannot report it); resolves the JSON answer. */
export async function upload(path, file, onProgress) {
  const token = await accessToken();
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('PUT', path);
    xhr.setRequestHeader('Authorization', `Bearer ${token}`);
    xhr.setRequestHeader('Content-Type', file.type || 'application/octet-stream');
    xhr.upload.addEventListener('progress', e => { if (e.lengthComputable) onProgress(e.loaded, e.total); });
    xhr.addEventListener('load', () => {
      let body = null;
      try { body = JSON.parse(xhr.responseText); } catch { /* empty or not JSON */ }
      if (xhr.status >= 200 && xhr.status < 300) resolve(body);
      else reject(new ApiError(xhr.status, (body && (body.detail || body.title)) || `${xhr.status} ${xhr.statusText}`));
    });
    xhr.addEventListener('error', () => reject(new ApiError(0, 'the upload did not reach ConPaaS (network error)')));
    xhr.send(file);
  });
}
