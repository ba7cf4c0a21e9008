/** The JSON API as the signed-in portal user: the portal's own session and request (portal/web/assets/common.js). */
import { request, session } from '../web/assets/common.js';

export function currentUser() {
  return session.token ? session.user : null;
}

/** { status, ok, data }; status 0 when the server could not be reached. */
export function api(method, url, body) {
  const headers = { accept: 'application/json', authorization: `Bearer ${session.token || ''}` };
  if (body !== undefined) headers['content-type'] = 'application/json';
  return request(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
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
