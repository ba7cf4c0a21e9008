/** A small client of the product's HTTP API (used by `npm run walk` and the integration tests). */

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies are checked by the caller
export interface ApiResponse<T = any> { status: number; body: T; headers: Headers }

export interface RawBody { raw: string; contentType: string }

function isRaw(body: unknown): body is RawBody {
  return typeof body === 'object' && body !== null && 'raw' in body && 'contentType' in body;
}

export class ApiClient {
  constructor(readonly baseUrl: string, readonly token?: string) {}

  /** `body` is sent as JSON, or as is when it is FormData or a { raw, contentType } pair. */
  async request<T = any>(method: string, url: string, body?: unknown): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = {};
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    let payload: BodyInit | undefined;
    if (body instanceof FormData) payload = body;
    else if (isRaw(body)) {
      headers['content-type'] = body.contentType;
      payload = body.raw;
    } else if (body !== undefined) {
      headers['content-type'] = 'application/json';
      payload = JSON.stringify(body);
    }
    const res = await fetch(this.baseUrl + url, { method, headers, body: payload });
    const type = res.headers.get('content-type') ?? '';
    const parsed = type.includes('json') ? await res.json() : Buffer.from(await res.arrayBuffer());
    return { status: res.status, body: parsed as T, headers: res.headers };
  }

  get<T = any>(url: string) { return this.request<T>('GET', url); }
  post<T = any>(url: string, body?: unknown) { return this.request<T>('POST', url, body); }
  put<T = any>(url: string, body?: unknown) { return this.request<T>('PUT', url, body); }

  async login(username: string, password = 'demo'): Promise<ApiClient> {
    const res = await this.post('/api/auth/login', { username, password });
    if (res.status !== 200) throw new Error(`login ${username} failed: ${res.status} ${JSON.stringify(res.body)}`);
    return new ApiClient(this.baseUrl, res.body.token);
  }
}

export async function waitFor<T>(what: string, probe: () => Promise<T | undefined | null | false>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const v = await probe();
      if (v) return v;
    } catch (err) {
      last = err;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`);
}
