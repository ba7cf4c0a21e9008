/**
 * The one way the app calls the API: JSON in and out, the bearer token attached, and every refusal
 * turned into an ApiError that carries the API's own words (`message`, per-field `errors`) and the
 * HTTP status, so pages can say what went wrong instead of "request failed".
 */
import { HttpError } from 'react-admin';
import { session } from './session';

export interface ApiErrorBody {
  error?: string;
  message?: string;
  errors?: Record<string, string>;
}

/** react-admin's HttpError (its forms and notifications understand it) with the API's error code. */
export class ApiError extends HttpError {
  constructor(
    readonly status: number,
    message: string,
    readonly code: string,
    readonly fieldErrors: Record<string, string> = {},
  ) {
    super(message, status, { errors: fieldErrors, code });
    // react-admin's HttpError sets its own prototype on the instance: without this, `instanceof ApiError` is false
    Object.setPrototypeOf(this, new.target.prototype);
  }
}

export interface ApiOptions {
  method?: string;
  body?: unknown;
  /** A FormData body is sent as multipart; anything else as JSON. */
  form?: FormData;
  signal?: AbortSignal;
  /** A bearer token not yet in the session (the single sign-on's, checked before it is kept). */
  token?: string;
}

function authHeaders(given?: string): Record<string, string> {
  const token = given ?? session.token();
  return token ? { authorization: `Bearer ${token}` } : {};
}

async function errorOf(res: Response): Promise<ApiError> {
  let body: ApiErrorBody = {};
  try {
    body = (await res.json()) as ApiErrorBody;
  } catch {
    /* not JSON: the status says it */
  }
  const message = body.message || res.statusText || `HTTP ${res.status}`;
  return new ApiError(res.status, message, body.error ?? `http_${res.status}`, body.errors ?? {});
}

/** A network failure (server down, connection lost) as an ApiError with status 0. */
function offline(err: unknown): ApiError {
  if (err instanceof DOMException && err.name === 'AbortError') throw err;
  return new ApiError(0, 'the server could not be reached', 'offline');
}

export async function api<T = unknown>(path: string, options: ApiOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', ...authHeaders(options.token) };
  let body: BodyInit | undefined;
  if (options.form) body = options.form;
  else if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  let res: Response;
  try {
    res = await fetch(path, { method: options.method ?? (body ? 'POST' : 'GET'), headers, body, signal: options.signal });
  } catch (err) {
    throw offline(err);
  }
  if (!res.ok) throw await errorOf(res);
  if (res.status === 204) return undefined as T;
  const type = res.headers.get('content-type') ?? '';
  return (type.includes('json') ? await res.json() : await res.text()) as T;
}

/** Bytes from the API (PDFs, documents), with the file name the server gave them. */
export async function apiBlob(path: string, options: ApiOptions = {}): Promise<{ blob: Blob; filename: string | null }> {
  let res: Response;
  try {
    res = await fetch(path, { method: options.method ?? 'GET', headers: authHeaders(), body: options.form, signal: options.signal });
  } catch (err) {
    throw offline(err);
  }
  if (!res.ok) throw await errorOf(res);
  const disposition = res.headers.get('content-disposition') ?? '';
  const star = /filename\*=UTF-8''([^;]+)/i.exec(disposition);
  const plain = /filename="?([^";]+)"?/i.exec(disposition);
  const filename = star ? decodeURIComponent(star[1]) : plain ? plain[1] : null;
  return { blob: await res.blob(), filename };
}

/** Saves API bytes as a download in the browser. */
export async function download(path: string, fallbackName: string): Promise<void> {
  const { blob, filename } = await apiBlob(path);
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename ?? fallbackName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
