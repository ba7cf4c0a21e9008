/**
 * What both pages' scripts share (app.js for the portal, verify.js for the public verify page):
 * building elements, bilingual text, Solar Hijri + Gregorian dates, the fetch wrapper, error
 * messages and their rendering, and the certificate status labels.
 */

export const $ = (sel, root = document) => root.querySelector(sel);
export const TZ = 'Asia/Tehran';

/** Builds an element; children are text (escaped) or nodes. */
export function h(tag, attrs, ...kids) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') el.className = v;
    else if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (k === 'text') el.textContent = v;
    else if (v === true) el.setAttribute(k, '');
    else el.setAttribute(k, String(v));
  }
  for (const kid of kids.flat(Infinity)) {
    if (kid === undefined || kid === null || kid === false) continue;
    el.append(kid instanceof Node ? kid : String(kid));
  }
  return el;
}

/** replaceChildren that skips null/undefined/false (the DOM would print them as text). */
export function put(el, ...kids) {
  el.replaceChildren(...kids.flat(Infinity).filter((k) => k !== undefined && k !== null && k !== false));
  return el;
}

/** English beside (or, by the stylesheet, under) the Persian it translates. */
export const en = (text) => h('span', { class: 'en', lang: 'en', dir: 'ltr' }, text);
/** Numbers and codes (tracking and certificate numbers, IDs): left to right, monospaced. */
export const num = (text) => h('span', { class: 'num', dir: 'ltr' }, text);
export const capital = (s) => { const t = String(s); return t.charAt(0).toUpperCase() + t.slice(1); };

// ---------------------------------------------------------------- dates
const DATES = {
  short: [
    new Intl.DateTimeFormat('fa-IR-u-ca-persian', { dateStyle: 'medium', timeStyle: 'short', timeZone: TZ }),
    new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeZone: TZ }),
  ],
  long: [
    new Intl.DateTimeFormat('fa-IR-u-ca-persian', { dateStyle: 'long', timeZone: TZ }),
    new Intl.DateTimeFormat('en-GB', { dateStyle: 'long', timeZone: TZ }),
  ],
};

/**
 * A Solar Hijri date with the Gregorian date under it, in Tehran time. `short` (the portal's lists):
 * date and time; `long` (certificates): the date spelled out, with the ISO date beside the Gregorian.
 */
export function dateCell(iso, style = 'short') {
  if (!iso) return h('span', { class: 'muted' }, '—');
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return h('span', {}, String(iso));
  const [fa, gregorian] = DATES[style];
  const english = style === 'long' ? `${gregorian.format(d)} · ${d.toISOString().slice(0, 10)}` : gregorian.format(d);
  return h('time', { class: 'date', datetime: d.toISOString(), title: d.toISOString() }, h('span', { class: 'fa' }, fa.format(d)), en(english));
}

// ---------------------------------------------------------------- vocabulary
/** Certificate status → [Persian, English, tone]. */
export const CERT_STATUS = {
  valid: ['معتبر', 'Valid', 'ok'],
  pending: ['در حال صدور', 'Being issued', 'info'],
  suspended: ['تعلیق‌شده', 'Suspended', 'warn'],
  revoked: ['ابطال‌شده', 'Revoked', 'err'],
  expired: ['منقضی‌شده', 'Expired', 'grey'],
  superseded: ['جایگزین‌شده', 'Superseded', 'grey'],
};

// ---------------------------------------------------------------- session
const TOKEN_KEY = 'ito.portal.token';
const USER_KEY = 'ito.portal.user';

/** The signed-in user and their token, per browser tab (the portal and the process editor share it). */
export const session = {
  get token() { return sessionStorage.getItem(TOKEN_KEY); },
  get user() { try { return JSON.parse(sessionStorage.getItem(USER_KEY) || 'null'); } catch { return null; } },
  save(token, user) { sessionStorage.setItem(TOKEN_KEY, token); sessionStorage.setItem(USER_KEY, JSON.stringify(user)); },
  clear() { sessionStorage.removeItem(TOKEN_KEY); sessionStorage.removeItem(USER_KEY); },
};

// ---------------------------------------------------------------- HTTP
/** fetch that never throws: `{ status, ok, data }`, status 0 when the server could not be reached. */
export async function request(url, init) {
  let res;
  try {
    res = await fetch(url, init);
  } catch {
    return { status: 0, ok: false, data: null };
  }
  let data = null;
  if ((res.headers.get('content-type') || '').includes('json')) { try { data = await res.json(); } catch { data = null; } }
  return { status: res.status, ok: res.ok, data };
}

/** The server's `message`, as an English sentence ('' when there is none). */
export function serverMessage(res) {
  const msg = res.data && res.data.message ? String(res.data.message) : '';
  return msg ? `${capital(msg)}.`.replace(/\.\.$/, '.') : '';
}

export const NETWORK_PROBLEM = ['ارتباط با سامانه برقرار نشد. اتصال شبکه را بررسی و دوباره تلاش کنید.', 'Could not reach the server. Check your connection and try again.'];

/** [Persian, English] for a failed API answer. */
export function httpProblem(res) {
  const msg = res.data && res.data.message ? String(res.data.message) : '';
  switch (res.status) {
    case 0: return NETWORK_PROBLEM;
    case 400: return ['اطلاعات ارسالی پذیرفته نشد.', msg || 'The request was not accepted.'];
    case 401: return ['نشست شما به پایان رسیده است. دوباره وارد شوید.', 'Your session has ended. Please sign in again.'];
    case 403: return ['شما مجاز به انجام این کار نیستید.', msg || 'You are not allowed to do this.'];
    case 404: return ['مورد درخواستی یافت نشد.', msg || 'Not found.'];
    case 409: return ['این کار در وضعیت فعلی پرونده امکان‌پذیر نیست؛ ممکن است پیش‌تر انجام شده باشد.', msg || 'Not possible in the current state.'];
    default: return ['خطای داخلی سامانه رخ داد. لطفاً کمی بعد دوباره تلاش کنید.', `Server error (${res.status}). Please try again later.`];
  }
}

// ---------------------------------------------------------------- errors on screen
export function alertBox(tone, fa, english, testid) {
  return h('div', { class: `alert ${tone}`, role: tone === 'err' ? 'alert' : 'status', 'data-testid': testid }, h('p', {}, fa, english ? en(english) : null));
}

/** Shows a field's error under it (Persian, then English) and marks the input invalid; no `fa`: clears both. */
export function showFieldError(el, input, fa, english) {
  if (!fa) { el.hidden = true; el.replaceChildren(); input.removeAttribute('aria-invalid'); return; }
  el.hidden = false;
  put(el, h('span', {}, fa, ' ', english ? en(english) : null));
  input.setAttribute('aria-invalid', 'true');
}
