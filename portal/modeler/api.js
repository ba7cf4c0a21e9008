/** The JSON API as the signed-in portal user (the token the portal keeps in sessionStorage). */
const TOKEN_KEY = 'ito.portal.token';
const USER_KEY = 'ito.portal.user';

export function currentUser() {
  try {
    return sessionStorage.getItem(TOKEN_KEY) ? JSON.parse(sessionStorage.getItem(USER_KEY) || 'null') : null;
  } catch {
    return null;
  }
}

/** { status, ok, data }; status 0 when the server could not be reached. */
export async function api(method, url, body) {
  const headers = { accept: 'application/json', authorization: `Bearer ${sessionStorage.getItem(TOKEN_KEY) || ''}` };
  if (body !== undefined) headers['content-type'] = 'application/json';
  let res;
  try {
    res = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    return { status: 0, ok: false, data: null };
  }
  let data = null;
  if ((res.headers.get('content-type') || '').includes('json')) {
    try { data = await res.json(); } catch { data = null; }
  }
  return { status: res.status, ok: res.ok, data };
}

/** The newest version's XML, or the given version's, of process `key`. */
export async function loadDefinition(key, version) {
  let v = version;
  if (!v) {
    const versions = await api('GET', `/api/definitions/${encodeURIComponent(key)}/versions`);
    if (!versions.ok) return versions;
    v = versions.data[0].version;
  }
  return api('GET', `/api/definitions/${encodeURIComponent(key)}/versions/${encodeURIComponent(v)}`);
}
