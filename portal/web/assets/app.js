/**
 * The portal (index.html): sign-in, my tasks, task forms (form-js schemas rendered here, validated
 * by the server), new applications, applications and their history, the inbox and the process
 * definitions. A hash router (#/tasks, #/task/<id>, …) over the JSON API; the token is kept in
 * sessionStorage. Shared helpers are in common.js.
 */
import { $, CERT_STATUS, alertBox, dateCell, en, h, httpProblem, num, put, request, serverMessage, session, showFieldError, capital } from './common.js';

// ---------------------------------------------------------------- helpers

/** Persian primary, English secondary; `stack` puts the English on its own line. */
function bi(fa, english, stack = true) {
  return h('span', { class: stack ? 'bi bi-stack' : 'bi bi-inline' }, h('span', { class: 'fa' }, fa), english ? en(english) : null);
}
/** "نام محصول / Product name" or "… — Software …" → [Persian, English]. */
function splitBi(text) {
  const s = String(text ?? '');
  const m = s.match(/^(.+?)\s+[/—–]\s+([A-Za-z(].*)$/);
  return m ? [m[1], m[2]] : [s, ''];
}
const biText = (text, stack = true) => { const [fa, e] = splitBi(text); return bi(fa, e, stack); };
const faNum = (n) => Number(n).toLocaleString('fa-IR', { useGrouping: false });

// ---------------------------------------------------------------- vocabulary
const ROLES = { applicant: ['متقاضی', 'Applicant'], reviewer: ['کارشناس', 'Reviewer'], admin: ['مدیر سامانه', 'Administrator'] };
const GROUPS = { 'formal-reviewers': ['کارشناسان بررسی مدارک', 'Formal reviewers'], 'technical-reviewers': ['کارشناسان ارزیابی فنی', 'Technical reviewers'] };
const APP_STATUS = {
  submitted: ['ثبت‌شده', 'Submitted', 'info'], running: ['در دست بررسی', 'In progress', 'info'], incident: ['نیازمند رسیدگی', 'Needs attention', 'warn'],
  completed: ['خاتمه‌یافته', 'Completed', 'ok'], failed: ['ناموفق', 'Failed', 'err'], terminated: ['متوقف‌شده', 'Terminated', 'grey'],
};
const OUTCOME = { approved: ['تأیید شد', 'Approved', 'ok'], rejected: ['رد شد', 'Rejected', 'err'] };
const ACTIONS = {
  'application.submitted': ['ثبت درخواست', 'Application submitted'], 'application.running': ['آغاز رسیدگی', 'Processing started'],
  'application.incident': ['بروز اشکال در پردازش', 'Processing incident'], 'application.completed': ['پایان رسیدگی', 'Application completed'],
  'application.failed': ['توقف ناموفق رسیدگی', 'Processing failed'], 'task.opened': ['ارجاع کار', 'Task opened'], 'task.completed': ['انجام کار', 'Task completed'],
  'certificate.issued': ['صدور گواهی', 'Certificate issued'], 'applicant.notified': ['ارسال پیام به متقاضی', 'Applicant notified'], 'definition.deployed': ['استقرار فرایند', 'Process deployed'],
  'certificate.status-change-requested': ['درخواست تغییر وضعیت گواهی', 'Certificate status change requested'], 'certificate.suspended': ['تعلیق گواهی', 'Certificate suspended'],
  'certificate.reinstated': ['رفع تعلیق گواهی', 'Certificate reinstated'], 'certificate.revoked': ['ابطال گواهی', 'Certificate revoked'], 'certificate.superseded': ['جایگزینی گواهی با تمدید', 'Certificate superseded by a renewal'],
};
const STATUS_ACTIONS = { suspend: ['تعلیق', 'Suspend'], reinstate: ['رفع تعلیق', 'Reinstate'], revoke: ['ابطال (با تأیید کارشناس فنی)', 'Revoke (a technical reviewer confirms)'] };

/**
 * Administrators: ask for a certificate's suspension, reinstatement or revocation. The server
 * starts the certificate-status-change process and answers with its tracking number.
 */
function statusChangeCard(certs) {
  const issued = (certs || []).filter((c) => c.status !== 'pending');
  if (!hasRole('admin') || !issued.length) return null;
  const result = h('div', { 'aria-live': 'polite', 'data-testid': 'status-change-result' });
  const certSelect = h('select', { id: 'status-cert', 'data-testid': 'status-cert' }, issued.map((c) => h('option', { value: c.number }, c.number)));
  const actionSelect = h('select', { id: 'status-action', 'data-testid': 'status-action' }, Object.entries(STATUS_ACTIONS).map(([value, [fa, e]]) => h('option', { value }, `${fa} / ${e}`)));
  const reason = h('textarea', { id: 'status-reason', 'data-testid': 'status-reason', rows: 2, maxlength: 1000, required: true });
  const submit = h('button', { type: 'submit', class: 'btn secondary', 'data-testid': 'status-submit' }, 'ثبت درخواست', h('span', { class: 'en', lang: 'en' }, 'Request'));
  const form = h('form', { novalidate: true, 'data-testid': 'status-change-form' },
    h('div', { class: 'field' }, h('label', { for: 'status-cert' }, bi('گواهی', 'Certificate')), certSelect),
    h('div', { class: 'field' }, h('label', { for: 'status-action' }, bi('اقدام', 'Action')), actionSelect),
    h('div', { class: 'field' }, h('label', { for: 'status-reason' }, bi('دلیل (در سابقه عمومی گواهی نمایش داده می‌شود)', 'Reason (shown on the public record)')), reason),
    h('div', { class: 'actions' }, submit), result);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    if (reason.value.trim().length < 5) { put(result, alertBox('err', 'دلیل را دست‌کم در ۵ نویسه بنویسید.', 'Give a reason of at least 5 characters.')); return; }
    submit.disabled = true;
    const r = await api('POST', `/api/certificates/${encodeURIComponent(certSelect.value)}/status-changes`, { action: actionSelect.value, reason: reason.value.trim() });
    submit.disabled = false;
    if (r.status === 202) {
      put(result, alertBox('ok', 'درخواست ثبت شد و فرایند تغییر وضعیت آغاز شد.', `Requested: process ${r.data.trackingNumber} carries it out.`),
        h('a', { href: `#/application/${encodeURIComponent(r.data.trackingNumber)}`, 'data-testid': 'status-change-link' }, num(r.data.trackingNumber)));
      reason.value = '';
    } else {
      const [fa, e] = httpProblem(r);
      put(result, alertBox('err', fa, r.status === 409 ? serverMessage(r) || e : e));
    }
  });
  return h('section', { class: 'card', 'data-testid': 'status-change-card' },
    h('header', {}, h('h3', {}, bi('وضعیت گواهی', 'Certificate status'))),
    h('div', { class: 'body' }, form));
}
function badge(map, key, testid) {
  const [fa, english, tone] = map[key] || [String(key ?? '—'), '', 'grey'];
  return h('span', { class: `badge ${tone}`, 'data-testid': testid, 'data-value': key ?? '' }, fa, english ? h('span', { class: 'en', lang: 'en' }, english) : null);
}
const pair = (map, key) => map[key] || [key, ''];

/** Server field messages are short English; put Persian first. */
function faFieldMessage(msg) {
  const m = String(msg);
  let r;
  if (m === 'is required') return 'تکمیل این بخش الزامی است.';
  if ((r = m.match(/^must be at least (\d+) characters$/))) return `دست‌کم ${faNum(r[1])} نویسه وارد کنید.`;
  if ((r = m.match(/^must be at most (\d+) characters$/))) return `حداکثر ${faNum(r[1])} نویسه مجاز است.`;
  if ((r = m.match(/^must be at least (-?[\d.]+)$/))) return `مقدار باید دست‌کم ${faNum(r[1])} باشد.`;
  if ((r = m.match(/^must be at most (-?[\d.]+)$/))) return `مقدار باید حداکثر ${faNum(r[1])} باشد.`;
  if (m.startsWith('must match the pattern')) return 'قالب مقدار واردشده درست نیست.';
  if (m.startsWith('must be one of')) return 'یکی از گزینه‌های فهرست را انتخاب کنید.';
  if (m === 'must be text') return 'مقدار باید متن باشد.';
  if (m === 'must be a number') return 'مقدار باید عدد باشد.';
  if (m === 'must be true or false') return 'مقدار باید بله یا خیر باشد.';
  if (m === 'unknown field') return 'این بخش در فرم تعریف نشده است.';
  return 'مقدار این بخش پذیرفته نشد.';
}
/** The server's English, as a sentence. */
const enFieldMessage = (msg) => (String(msg) === 'is required' ? 'This field is required.' : `${capital(msg)}.`);


// ---------------------------------------------------------------- API

async function api(method, url, body) {
  const headers = { accept: 'application/json' };
  if (session.token) headers.authorization = `Bearer ${session.token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await request(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  if (res.status === 401 && session.token && url !== '/api/auth/login') {
    session.clear();
    state.flash = { tone: 'warn', fa: 'نشست شما به پایان رسیده است. دوباره وارد شوید.', en: 'Your session has ended. Please sign in again.' };
    renderShell();
    route();
  }
  return res;
}

// ---------------------------------------------------------------- state and routing
const state = { definitions: null, forms: new Map(), flash: null, gen: 0, pollTimer: 0, lastTasks: '', taskCount: 0 };
const hasRole = (r) => !!(session.user && session.user.roles && session.user.roles.includes(r));
const isStaff = () => hasRole('admin') || hasRole('reviewer');

function navItems() {
  const items = [['tasks', '☑', 'کارتابل من', 'My tasks']];
  if (hasRole('applicant')) items.push(['new', '✚', 'ثبت درخواست جدید', 'New application']);
  items.push(['applications', '▤', isStaff() ? 'درخواست‌ها' : 'درخواست‌های من', isStaff() ? 'Applications' : 'My applications']);
  items.push(['inbox', '✉', 'صندوق پیام', 'Inbox']);
  if (hasRole('admin')) items.push(['admin', '⚙', 'فرایندها و تعاریف', 'Process definitions']);
  return items;
}

function renderShell() {
  const user = session.user;
  const layout = $('#layout');
  $('#userbox').hidden = !user;
  $('#sidenav').hidden = !user;
  layout.classList.toggle('anon', !user);
  if (!user) return;
  const [nameFa, nameEn] = splitBi(user.displayName || user.username);
  put($('#user-name'), nameFa, nameEn ? en(nameEn) : '');
  put($('#user-roles'), (user.roles || []).map((r) => pair(ROLES, r)[0]).join('، '), ' · ', h('span', { class: 'ltr', lang: 'en' }, user.username));
  const list = $('#nav-list');
  put(list, ...navItems().map(([key, icon, fa, english]) => h('li', {},
    h('a', { href: `#/${key}`, 'data-testid': `nav-${key}`, 'data-nav': key },
      h('span', { class: 'icon', 'aria-hidden': 'true' }, icon),
      h('span', { class: 'label' }, fa, en(english)),
      key === 'tasks' ? h('span', { class: 'count', id: 'task-count', 'data-testid': 'task-count', hidden: !state.taskCount, 'aria-label': `${faNum(state.taskCount)} کار باز` }, faNum(state.taskCount)) : null))),
    h('li', { class: 'sep', role: 'presentation' }),
    h('li', {}, h('a', { href: '/verify', 'data-testid': 'link-verify' }, h('span', { class: 'icon', 'aria-hidden': 'true' }, '✓'), h('span', { class: 'label' }, 'استعلام اصالت گواهی', en('Verify a certificate')))),
    hasRole('admin') ? h('li', {}, h('a', { href: '/api/openapi.json', 'data-testid': 'nav-openapi' }, h('span', { class: 'icon', 'aria-hidden': 'true' }, '{}'), h('span', { class: 'label' }, 'مستندات API', en('OpenAPI document')))) : null);
}

function setTaskCount(n) {
  state.taskCount = n;
  const el = $('#task-count');
  if (!el) return;
  el.hidden = !n;
  el.textContent = faNum(n);
  el.setAttribute('aria-label', `${faNum(n)} کار باز`);
}

function stopPolling() { clearTimeout(state.pollTimer); state.pollTimer = 0; }
/** Re-runs `fn` every `ms` while the current view stays on screen. */
function poll(gen, fn, ms = 3000) {
  stopPolling();
  const tick = async () => {
    if (gen !== state.gen) return;
    try { await fn(); } catch { /* next tick */ }
    if (gen === state.gen) state.pollTimer = setTimeout(tick, ms);
  };
  state.pollTimer = setTimeout(tick, ms);
}

function mount(gen, ...nodes) {
  if (gen !== state.gen) return false;
  put($('#view'), ...nodes);
  return true;
}
function takeFlash() {
  const f = state.flash;
  state.flash = null;
  return f ? alertBox(f.tone, f.fa, f.en, 'flash') : null;
}
function pageTitle(fa, english, ...extra) {
  document.title = `${fa} — سامانه صدور مجوزها و گواهی‌ها | ${english}`;
  return h('div', { class: 'page-title' }, h('h2', { tabindex: '-1', class: 'view-heading' }, fa, en(english)), h('div', {}, ...extra));
}
const loading = () => h('div', { class: 'loading', role: 'status' }, h('span', { class: 'spinner', 'aria-hidden': 'true' }), ' در حال بارگذاری… ', en('Loading…'));

function defaultRoute() {
  if (hasRole('applicant')) return 'applications';
  if (hasRole('admin') && !hasRole('reviewer')) return 'admin';
  return 'tasks';
}

async function route() {
  stopPolling();
  const gen = ++state.gen;
  if (!session.token || !session.user) { renderLogin(gen); return; }
  const [name, ...rest] = location.hash.replace(/^#\/?/, '').split('/');
  const arg = rest.length ? decodeURIComponent(rest.join('/')) : '';
  const views = { tasks: viewTasks, task: viewTask, new: viewNew, applications: viewApplications, application: viewApplication, inbox: viewInbox, admin: viewAdmin };
  const view = views[name];
  if (!view || (name === 'new' && !hasRole('applicant')) || (name === 'admin' && !hasRole('admin'))) {
    location.replace(`#/${defaultRoute()}`);
    return;
  }
  const navKey = { task: 'tasks', application: 'applications' }[name] || name;
  document.querySelectorAll('#nav-list a[data-nav]').forEach((a) => (a.dataset.nav === navKey ? a.setAttribute('aria-current', 'page') : a.removeAttribute('aria-current')));
  const current = $('#nav-list a[aria-current]');
  if (current && window.matchMedia('(max-width: 860px)').matches) current.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  mount(gen, loading());
  await view(gen, arg);
  if (gen === state.gen && document.activeElement && document.activeElement !== document.body && !$('#view').contains(document.activeElement) && !$('#sidenav').contains(document.activeElement)) {
    const heading = $('#view .view-heading');
    if (heading) heading.focus({ preventScroll: true });
  }
  refreshTaskCount();
}

async function refreshTaskCount() {
  if (!session.token) return;
  const res = await api('GET', '/api/tasks');
  if (res.ok && Array.isArray(res.data)) setTaskCount(res.data.length);
}

async function definitions() {
  if (state.definitions) return state.definitions;
  const res = await api('GET', '/api/definitions');
  state.definitions = res.ok && Array.isArray(res.data) ? res.data : [];
  return state.definitions;
}
async function processName(key) {
  const def = (await definitions()).find((d) => d.key === key);
  return def && def.name ? def.name : key;
}
/** The start form (form-js JSON) of one definition version, cached. */
async function startForm(key, version) {
  const id = `${key}@${version}`;
  if (!state.forms.has(id)) {
    const res = await api('GET', `/api/definitions/${encodeURIComponent(key)}/versions/${version}`);
    const graph = res.ok && res.data ? res.data.graph : null;
    const start = graph && graph.startEventIds && graph.elements ? graph.elements[graph.startEventIds[0]] : null;
    state.forms.set(id, start && start.form ? start.form : null);
  }
  return state.forms.get(id);
}

// ---------------------------------------------------------------- login
function renderLogin(gen) {
  renderShell();
  document.title = 'ورود — سامانه صدور مجوزها و گواهی‌ها | Sign in — ITO licensing and certification';
  const err = h('div', { 'data-testid': 'login-error', 'aria-live': 'assertive' });
  const userErr = h('p', { class: 'field-error', id: 'login-username-error', hidden: true }, bi('نام کاربری را وارد کنید.', 'Enter your user name.', false));
  const passErr = h('p', { class: 'field-error', id: 'login-password-error', hidden: true }, bi('گذرواژه را وارد کنید.', 'Enter your password.', false));
  const username = h('input', { type: 'text', id: 'login-username', name: 'username', autocomplete: 'username', dir: 'ltr', 'data-testid': 'login-username', 'aria-describedby': 'login-username-error', autocapitalize: 'none', spellcheck: 'false' });
  const password = h('input', { type: 'password', id: 'login-password', name: 'password', autocomplete: 'current-password', dir: 'ltr', 'data-testid': 'login-password', 'aria-describedby': 'login-password-error' });
  const submit = h('button', { type: 'submit', class: 'btn', 'data-testid': 'login-submit' }, 'ورود', h('span', { class: 'en', lang: 'en' }, 'Sign in'));
  const form = h('form', { novalidate: true, 'data-testid': 'login-form', 'aria-labelledby': 'login-title' },
    err,
    h('div', { class: 'form-grid' },
      h('div', { class: 'field' }, h('label', { for: 'login-username' }, bi('نام کاربری', 'User name')), username, userErr),
      h('div', { class: 'field' }, h('label', { for: 'login-password' }, bi('گذرواژه', 'Password')), password, passErr)),
    h('div', { class: 'actions' }, submit));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    put(err);
    const u = username.value.trim();
    const p = password.value;
    userErr.hidden = !!u; username.setAttribute('aria-invalid', String(!u));
    passErr.hidden = !!p; password.setAttribute('aria-invalid', String(!p));
    if (!u || !p) { (u ? password : username).focus(); return; }
    submit.disabled = true;
    const res = await api('POST', '/api/auth/login', { username: u, password: p });
    submit.disabled = false;
    if (res.ok && res.data && res.data.token) {
      session.save(res.data.token, res.data.user);
      state.definitions = null;
      renderShell();
      if (location.hash && location.hash !== '#' && location.hash !== '#/') route(); else location.hash = `#/${defaultRoute()}`;
      return;
    }
    const [fa, english] = res.status === 401 ? ['نام کاربری یا گذرواژه نادرست است.', 'Wrong user name or password.'] : httpProblem(res);
    put(err, alertBox('err', fa, english));
    password.value = '';
    password.focus();
  });
  const flash = takeFlash();
  mount(gen, h('div', { class: 'login-grid' },
    h('section', { class: 'card login-card' },
      h('header', {}, h('h2', { id: 'login-title', class: 'view-heading', tabindex: '-1' }, bi('ورود به سامانه', 'Sign in'))),
      h('div', { class: 'body' }, flash, h('p', { class: 'lead' }, 'متقاضیان، کارشناسان و مدیران با نام کاربری سازمانی خود وارد شوند.', en('Applicants, reviewers and administrators sign in with their account.')), form)),
    h('section', { class: 'card services', 'aria-labelledby': 'services-title' },
      h('h2', { id: 'services-title' }, bi('خدمات سامانه', 'Services')),
      h('ul', {},
        h('li', {}, bi('ثبت درخواست گواهی تأیید فنی نرم‌افزار و پیگیری آن با کد رهگیری', 'Apply for a software technical approval certificate and track it')),
        h('li', {}, bi('بررسی درخواست‌ها در کارتابل کارشناسان', 'Review applications in the reviewers\u2019 task list')),
        h('li', {}, bi('دریافت گواهی الکترونیکی امضاشده (PDF)', 'Download the digitally signed certificate (PDF)')),
        h('li', {}, h('a', { href: '/verify', 'data-testid': 'login-verify-link' }, 'استعلام عمومی اصالت گواهی — بدون نیاز به ورود'), en('Public certificate verification — no sign-in needed'))))));
  username.focus();
}

// ---------------------------------------------------------------- form-js renderer
/** Parses the `=field = "value"` (and `!=`) pattern of conditional.hide; anything else: never hidden here. */
function hideRule(field) {
  const hide = field.conditional && typeof field.conditional.hide === 'string' ? field.conditional.hide.trim() : '';
  const m = hide.match(/^=\s*([A-Za-z_][\w]*)\s*(=|!=)\s*"([^"]*)"\s*$/);
  if (!m) return null;
  return (values) => { const v = values[m[1]] === undefined ? null : values[m[1]]; return m[2] === '=' ? v === m[3] : v !== m[3]; };
}

/**
 * Renders a form-js schema. Returns { el, values(), showErrors(errors), clearErrors() }.
 * Validation is the server's: it reports per-field errors with a 400, shown next to each field.
 */
function renderForm(schema, prefill, idPrefix) {
  const fields = [];
  const container = h('div', { class: 'form-grid' });
  const components = (schema && Array.isArray(schema.components)) ? schema.components : [];
  for (const c of components) {
    if (c.type === 'text' && !c.key) { container.append(h('p', { class: 'muted' }, String(c.text || ''))); continue; }
    if (!c.key || c.type === 'button') continue;
    const key = String(c.key);
    const id = `${idPrefix}-${key}`;
    const rules = c.validate || {};
    const required = !!rules.required;
    const errId = `${id}-error`;
    const hintId = `${id}-hint`;
    const [labelFa, labelEn] = splitBi(c.label || key);
    const initial = prefill && Object.prototype.hasOwnProperty.call(prefill, key) ? prefill[key] : (c.defaultValue !== undefined ? c.defaultValue : undefined);
    const common = { id, name: key, 'data-testid': `field-${key}`, 'aria-describedby': `${errId} ${hintId}`, 'aria-required': required ? 'true' : null };
    let control;
    let labelEl;
    const hintParts = [];
    if (rules.minLength) hintParts.push([`دست‌کم ${faNum(rules.minLength)} نویسه`, `at least ${rules.minLength} characters`]);
    if (rules.maxLength && c.type === 'textarea') hintParts.push([`حداکثر ${faNum(rules.maxLength)} نویسه`, `at most ${rules.maxLength}`]);
    if (c.type === 'select') {
      control = h('select', common, h('option', { value: '' }, '— انتخاب کنید / Choose —'), (c.values || []).map((o) => h('option', { value: o.value }, String(o.label ?? o.value))));
      control.value = initial === undefined || initial === null ? '' : String(initial);
    } else if (c.type === 'textarea') {
      control = h('textarea', { ...common, rows: 5, dir: 'auto', maxlength: rules.maxLength || null });
      control.value = initial === undefined || initial === null ? '' : String(initial);
    } else if (c.type === 'number') {
      control = h('input', { ...common, type: 'number', inputmode: 'decimal', dir: 'ltr', min: rules.min ?? null, max: rules.max ?? null, step: 'any' });
      control.value = initial === undefined || initial === null ? '' : String(initial);
    } else if (c.type === 'checkbox') {
      control = h('input', { ...common, type: 'checkbox' });
      control.checked = initial === true;
    } else if (c.type === 'radio') {
      control = h('div', { role: 'radiogroup', 'data-testid': `field-${key}`, 'aria-describedby': errId, 'aria-required': required ? 'true' : null },
        (c.values || []).map((o, i) => h('label', { class: 'check' }, h('input', { type: 'radio', name: key, id: `${id}-${i}`, value: o.value, checked: initial === o.value }), String(o.label ?? o.value))));
    } else {
      control = h('input', { ...common, type: 'text', dir: 'auto', maxlength: rules.maxLength || null });
      control.value = initial === undefined || initial === null ? '' : String(initial);
    }
    const reqMark = required ? h('span', { class: 'req', 'aria-hidden': 'true', title: 'الزامی / required' }, '*') : null;
    if (c.type === 'checkbox') {
      labelEl = h('label', { class: 'check', for: id }, control, h('span', {}, labelFa, labelEn ? en(labelEn) : null), reqMark);
    } else if (c.type === 'radio') {
      labelEl = h('span', { class: 'legend-like', id: `${id}-label` }, h('strong', {}, labelFa), labelEn ? en(labelEn) : null, reqMark);
      control.setAttribute('aria-labelledby', `${id}-label`);
    } else {
      labelEl = h('label', { for: id }, labelFa, reqMark, labelEn ? en(labelEn) : null);
    }
    const hint = h('p', { class: 'hint', id: hintId, hidden: !hintParts.length }, hintParts.map(([fa]) => fa).join(' · '), en(capital(hintParts.map(([, e]) => e).join(' · '))));
    const err = h('p', { class: 'field-error', id: errId, 'data-testid': `error-${key}`, hidden: true, 'aria-live': 'polite' });
    const wrapper = h('div', { class: 'field', 'data-field': key }, c.type === 'checkbox' ? null : labelEl, c.type === 'checkbox' ? labelEl : control, hint, err);
    container.append(wrapper);
    fields.push({ c, key, control, wrapper, err, hide: hideRule(c) });
  }

  function raw() {
    const out = {};
    for (const f of fields) {
      if (f.c.type === 'checkbox') out[f.key] = f.control.checked;
      else if (f.c.type === 'radio') { const sel = f.control.querySelector('input:checked'); out[f.key] = sel ? sel.value : null; }
      else out[f.key] = f.control.value === '' ? null : f.control.value;
    }
    return out;
  }
  function applyVisibility() {
    const values = raw();
    for (const f of fields) {
      const hidden = f.hide ? f.hide(values) : false;
      f.wrapper.hidden = hidden;
      if (hidden) setError(f, null);
    }
  }
  function setError(f, msg) {
    if (!msg) showFieldError(f.err, f.control, null);
    else showFieldError(f.err, f.control, faFieldMessage(msg), enFieldMessage(msg));
  }
  // errors clear while the user types or picks (not on blur: a layout shift then would swallow the click on submit)
  const onEdit = (ev) => {
    const f = fields.find((x) => x.wrapper.contains(ev.target));
    if (f && !f.err.hidden) setError(f, null);
    applyVisibility();
  };
  container.addEventListener('input', onEdit);
  container.addEventListener('change', onEdit);
  applyVisibility();

  return {
    el: container,
    /** The visible fields' values, typed as form-js submits them; empty fields are left out. */
    values() {
      const out = {};
      for (const f of fields) {
        if (f.wrapper.hidden) continue;
        if (f.c.type === 'checkbox') { out[f.key] = f.control.checked; continue; }
        if (f.c.type === 'radio') { const sel = f.control.querySelector('input:checked'); if (sel) out[f.key] = sel.value; continue; }
        const v = f.c.type === 'textarea' || f.c.type === 'textfield' ? f.control.value.trim() : f.control.value;
        if (v === '') continue;
        if (f.c.type === 'number') { const n = Number(v); out[f.key] = Number.isFinite(n) ? n : v; continue; }
        out[f.key] = v;
      }
      return out;
    },
    /** Shows `errors` (field → message) next to the fields; returns messages for keys without a field. */
    showErrors(errors) {
      const orphans = [];
      let first = null;
      for (const [key, msg] of Object.entries(errors || {})) {
        const f = fields.find((x) => x.key === key);
        if (!f || f.wrapper.hidden) { orphans.push([key, msg]); continue; }
        setError(f, msg);
        if (!first) first = f;
      }
      if (first) (first.c.type === 'radio' ? first.control.querySelector('input') : first.control).focus();
      return orphans;
    },
    clearErrors() { fields.forEach((f) => setError(f, null)); },
  };
}

/** Read-only view of values against a form's labels (select values shown by their labels). */
function valuesList(form, values, testid) {
  const comps = form && Array.isArray(form.components) ? form.components.filter((c) => c.key) : [];
  const keys = Object.keys(values || {});
  const ordered = [...comps.filter((c) => keys.includes(c.key)).map((c) => c.key), ...keys.filter((k) => !comps.some((c) => c.key === k))];
  if (!ordered.length) return h('p', { class: 'muted' }, 'اطلاعاتی ثبت نشده است. ', en('No data.'));
  return h('dl', { class: 'kv', 'data-testid': testid }, ordered.flatMap((k) => {
    const c = comps.find((x) => x.key === k);
    let v = values[k];
    if (c && c.values) { const o = c.values.find((x) => x.value === v); if (o) v = o.label; }
    if (typeof v === 'boolean') v = v ? 'بله / Yes' : 'خیر / No';
    const [fa, e] = splitBi(c ? c.label : k);
    const text = v === null || v === undefined ? '—' : typeof v === 'object' ? JSON.stringify(v) : String(v);
    return [h('dt', {}, fa, e ? en(e) : null), h('dd', { 'data-key': k }, h('span', { class: 'val', dir: 'auto' }, text))];
  }));
}

/**
 * Wires the submit of a rendered form (a task's or a start form): sends the visible fields' values,
 * then either `done(answer)` or the server's errors: field errors next to their fields (with the
 * ones no field shows listed on top), anything else as an alert.
 */
function onFormSubmit(form, { gen, rendered, submit, formErr, send, succeeded = (r) => r.ok, done }) {
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    put(formErr);
    rendered.clearErrors();
    submit.disabled = true;
    const r = await send(rendered.values());
    submit.disabled = false;
    if (gen !== state.gen) return;
    if (succeeded(r)) { done(r); return; }
    if (r.status === 400 && r.data && r.data.errors) {
      const orphans = rendered.showErrors(r.data.errors);
      put(formErr, alertBox('err', 'فرم دارای خطاست؛ موارد مشخص‌شده را اصلاح کنید.', 'The form has errors; correct the marked fields.'),
        orphans.length ? h('ul', { class: 'orphan-errors' }, orphans.map(([k, m]) => h('li', { class: 'field-error' }, h('span', {}, num(k), ': ', faFieldMessage(m), en(enFieldMessage(m)))))) : null);
      return;
    }
    put(formErr, alertBox('err', ...httpProblem(r)));
    formErr.scrollIntoView({ block: 'center' });
  });
}

// ---------------------------------------------------------------- my tasks
function assignedTo(t) {
  if (t.assignee) return h('span', {}, 'شخص شما', en('You'));
  const groups = (t.candidateGroups || []).map((g) => pair(GROUPS, g));
  return bi(groups.map(([fa]) => fa).join('، ') || '—', groups.map(([, e]) => e || '').filter(Boolean).join(', '));
}

async function viewTasks(gen) {
  const tbodyHolder = h('div', {});
  const refresh = h('button', { type: 'button', class: 'btn secondary small', 'data-testid': 'refresh-tasks' }, '↻ به‌روزرسانی', h('span', { class: 'en', lang: 'en' }, 'Refresh'));
  const names = new Map((await definitions()).map((d) => [d.key, d.name || d.key]));
  async function load(force) {
    const res = await api('GET', '/api/tasks');
    if (gen !== state.gen) return;
    if (!res.ok) { put(tbodyHolder, alertBox('err', ...httpProblem(res))); return; }
    const tasks = res.data || [];
    setTaskCount(tasks.length);
    const sig = JSON.stringify(tasks.map((t) => t.id));
    if (!force && sig === state.lastTasks) return;
    state.lastTasks = sig;
    if (!tasks.length) {
      put(tbodyHolder, h('div', { class: 'empty', 'data-testid': 'tasks-empty' }, '✓ کار بازی در کارتابل شما نیست.', en('No open tasks. The list refreshes by itself.')));
      return;
    }
    put(tbodyHolder, h('div', { class: 'table-wrap' }, h('table', { class: 'data', 'data-testid': 'tasks-table' },
      h('caption', { class: 'sr-only' }, 'کارهای باز من / My open tasks'),
      h('thead', {}, h('tr', {}, ['کار|Task', 'کد رهگیری|Tracking No.', 'فرایند|Process', 'ارجاع به|Assigned to', 'تاریخ ارجاع|Opened', 'اقدام|Action'].map((s) => { const [fa, e] = s.split('|'); return h('th', { scope: 'col' }, fa, en(e)); }))),
      h('tbody', {}, tasks.map((t) => {
        const tn = t.application ? t.application.trackingNumber : t.id.split(':')[0];
        const href = `#/task/${encodeURIComponent(t.id)}`;
        return h('tr', { 'data-testid': 'task-row', 'data-task-id': t.id, 'data-tracking': tn, 'data-element': t.elementId },
          h('td', { class: 'col-task' }, h('a', { href }, biText(t.name || t.elementId))),
          h('td', {}, num(tn)),
          h('td', { class: 'col-process' }, biText(names.get(t.application && t.application.processKey) || (t.application && t.application.processKey) || '')),
          h('td', {}, assignedTo(t)),
          h('td', {}, dateCell(t.createdAt)),
          h('td', {}, h('a', { class: 'btn small', href, 'data-testid': 'open-task' }, 'بررسی', h('span', { class: 'en', lang: 'en' }, 'Open'))));
      })))));
  }
  refresh.addEventListener('click', () => load(true));
  state.lastTasks = '';
  const flash = takeFlash();
  mount(gen, pageTitle('کارتابل من', 'My tasks', refresh), flash,
    h('section', { class: 'card' },
      h('header', {}, h('h3', {}, bi('کارهای باز', 'Open tasks', false)), h('span', { class: 'muted note' }, 'به‌روزرسانی خودکار', en(' auto-refresh'))),
      tbodyHolder));
  tbodyHolder.append(loading());
  await load(true);
  poll(gen, () => load(false));
}

// ---------------------------------------------------------------- one task
async function viewTask(gen, taskId) {
  const res = await api('GET', `/api/tasks/${encodeURIComponent(taskId)}`);
  if (gen !== state.gen) return;
  if (!res.ok) {
    mount(gen, pageTitle('انجام کار', 'Task'), alertBox('err', ...httpProblem(res), 'task-load-error'), h('a', { href: '#/tasks', class: 'btn secondary' }, 'بازگشت به کارتابل', h('span', { class: 'en', lang: 'en' }, 'Back to my tasks')));
    return;
  }
  const task = res.data;
  const tn = task.application ? task.application.trackingNumber : taskId.split(':')[0];
  const appRes = await api('GET', `/api/applications/${encodeURIComponent(tn)}`);
  if (gen !== state.gen) return;
  const app = appRes.ok ? appRes.data : null;
  const form0 = app ? await startForm(app.processKey, app.processVersion) : null;
  const pname = await processName(task.application ? task.application.processKey : (app && app.processKey));
  if (gen !== state.gen) return;

  const [tFa, tEn] = splitBi(task.name || task.elementId);
  const formErr = h('div', { 'data-testid': 'task-form-error', 'aria-live': 'assertive' });
  const closed = task.status !== 'open';
  const rendered = renderForm(task.form || { components: [] }, task.prefill || {}, 'task');
  const submit = h('button', { type: 'submit', class: 'btn', 'data-testid': 'submit-task', disabled: closed }, 'ثبت و ارسال', h('span', { class: 'en', lang: 'en' }, 'Submit'));
  const form = h('form', { novalidate: true, 'data-testid': 'task-form', 'aria-labelledby': 'task-form-title' }, formErr, rendered.el,
    h('div', { class: 'actions' }, submit, h('a', { href: '#/tasks', class: 'btn secondary' }, 'انصراف', h('span', { class: 'en', lang: 'en' }, 'Cancel')),
      h('span', { class: 'muted note' }, h('span', { class: 'req' }, '*'), ' الزامی', en(' required'))));
  onFormSubmit(form, {
    gen, rendered, submit, formErr,
    send: (values) => api('POST', `/api/tasks/${encodeURIComponent(task.id)}/complete`, { values }),
    done() {
      state.flash = { tone: 'ok', fa: `«${tFa}» برای پرونده ${tn} با موفقیت ثبت شد.`, en: `${tEn || 'The task'} for ${tn} was completed.` };
      location.hash = '#/tasks';
    },
  });

  const earlier = app ? (app.tasks || []).filter((t) => t.status === 'completed' && t.output && Object.keys(t.output).length) : [];
  mount(gen,
    h('nav', { class: 'breadcrumb', 'aria-label': 'مسیر / Breadcrumb' }, h('a', { href: '#/tasks' }, 'کارتابل من'), ' ‹ ', h('span', {}, tFa)),
    pageTitle(tFa, tEn || task.elementId, h('a', { href: `#/application/${encodeURIComponent(tn)}`, class: 'btn secondary small' }, 'پرونده کامل', h('span', { class: 'en', lang: 'en' }, 'Full record'))),
    closed ? alertBox('warn', 'این کار پیش‌تر انجام شده است.', 'This task is already completed.') : null,
    h('div', { class: 'split' },
      h('section', { class: 'card', 'aria-labelledby': 'app-data-title' },
        h('header', {}, h('h3', { id: 'app-data-title' }, bi('اطلاعات درخواست', 'Application data')), num(tn)),
        h('div', { class: 'body' },
          h('dl', { class: 'kv' },
            h('dt', {}, 'فرایند', en('Process')), h('dd', {}, biText(pname)),
            h('dt', {}, 'متقاضی', en('Applicant')), h('dd', {}, app && app.organisation ? [app.organisation.nameFa, app.organisation.nationalId ? [' — ', num(app.organisation.nationalId)] : null] : '—'),
            h('dt', {}, 'تاریخ ثبت', en('Submitted')), h('dd', {}, dateCell(app && app.createdAt))),
          h('h4', { class: 'sub' }, bi('اطلاعات ارسالی متقاضی', 'Submitted by the applicant', false)),
          app ? valuesList(form0, app.submittedData, 'submitted-data') : alertBox('warn', 'اطلاعات پرونده در دسترس نیست.', 'The application record is not available.'),
          earlier.length ? [h('h4', { class: 'sub' }, bi('نتایج مراحل پیشین', 'Earlier steps', false)),
            earlier.map((t) => { const [sFa, sEn] = splitBi(t.name || t.elementId); return h('div', { class: 'step', 'data-testid': 'earlier-step' },
              h('p', { class: 'step-head' }, sFa, sEn ? en(sEn) : null),
              h('p', { class: 'step-meta' }, 'انجام‌دهنده: ', h('span', { class: 'ltr', lang: 'en' }, t.completedBy || '—'), ' · ', dateCell(t.completedAt)),
              valuesList(t.form, t.output)); })] : null)),
      h('section', { class: 'card', 'aria-labelledby': 'task-form-title' },
        h('header', {}, h('h3', { id: 'task-form-title' }, bi('فرم اقدام', 'Task form'))),
        h('div', { class: 'body' }, form))));
}

// ---------------------------------------------------------------- new application
async function viewNew(gen) {
  // processes the regulator starts (ito:startedBy) are not applications
  const defs = (await definitions()).filter((d) => d.startedBy !== 'regulator');
  if (gen !== state.gen) return;
  const formHolder = h('div', {});
  const result = h('div', { 'aria-live': 'polite' });
  const select = h('select', { id: 'process-select', 'data-testid': 'process-select', 'aria-describedby': 'process-hint' },
    h('option', { value: '' }, '— انتخاب فرایند / Choose a process —'),
    defs.map((d) => h('option', { value: d.key, 'data-version': d.version }, `${d.name || d.key}`)));
  async function showForm() {
    put(formHolder);
    put(result);
    const def = defs.find((d) => d.key === select.value);
    if (!def) return;
    formHolder.append(loading());
    const schema = await startForm(def.key, def.version);
    if (gen !== state.gen) return;
    if (!schema) { put(formHolder, alertBox('err', 'فرم شروع این فرایند در دسترس نیست.', 'This process has no start form.')); return; }
    const rendered = renderForm(schema, {}, 'apply');
    const formErr = h('div', { 'data-testid': 'apply-error', 'aria-live': 'assertive' });
    const submit = h('button', { type: 'submit', class: 'btn', 'data-testid': 'submit-application' }, 'ثبت درخواست', h('span', { class: 'en', lang: 'en' }, 'Submit application'));
    const form = h('form', { novalidate: true, 'data-testid': 'start-form', 'aria-label': 'فرم درخواست / Application form' }, formErr, rendered.el,
      h('div', { class: 'actions' }, submit, h('span', { class: 'muted note' }, h('span', { class: 'req' }, '*'), ' تکمیل بخش‌های ستاره‌دار الزامی است', en(' Fields marked * are required'))));
    onFormSubmit(form, {
      gen, rendered, submit, formErr,
      send: (data) => api('POST', '/api/applications', { processKey: def.key, version: def.version, data }),
      succeeded: (r) => r.status === 201 && !!r.data,
      done(r) {
        const tn = r.data.trackingNumber;
        put(formHolder);
        select.value = '';
        put(result, h('div', { class: 'alert ok', role: 'status', 'data-testid': 'apply-success' },
          h('p', {}, 'درخواست شما ثبت شد و برای بررسی ارسال گردید. کد رهگیری:', en('Your application was submitted for review. Tracking number:')),
          h('p', { class: 'tracking' }, h('strong', { class: 'big num', 'data-testid': 'tracking-number', tabindex: '-1' }, tn)),
          h('p', {}, 'این کد را برای پیگیری نگه دارید. ', en('Keep this number to follow your application.')),
          h('div', { class: 'actions' },
            h('a', { class: 'btn', href: `#/application/${encodeURIComponent(tn)}`, 'data-testid': 'view-application' }, 'مشاهده پرونده', h('span', { class: 'en', lang: 'en' }, 'View application')),
            h('a', { class: 'btn secondary', href: '#/applications' }, 'درخواست‌های من', h('span', { class: 'en', lang: 'en' }, 'My applications')))));
        $('[data-testid=tracking-number]', result).focus();
      },
    });
    put(formHolder, h('section', { class: 'card' },
      h('header', {}, h('h3', {}, biText(def.name || def.key)), h('span', { class: 'badge grey' }, 'نسخه ', h('span', { class: 'ltr' }, def.versionTag || String(def.version)), h('span', { class: 'en', lang: 'en' }, 'version'))),
      h('div', { class: 'body' }, form)));
  }
  select.addEventListener('change', showForm);
  mount(gen, pageTitle('ثبت درخواست جدید', 'New application'),
    h('section', { class: 'card' }, h('div', { class: 'body' },
      h('div', { class: 'field' }, h('label', { for: 'process-select' }, bi('نوع مجوز یا گواهی', 'Licence or certificate')), select,
        h('p', { class: 'hint', id: 'process-hint' }, 'فرایند مورد نظر را انتخاب کنید تا فرم آن نمایش داده شود.', en('Choose a process to show its application form.'))))),
    result, formHolder);
  if (defs.length === 1) { select.value = defs[0].key; await showForm(); }
}

// ---------------------------------------------------------------- applications
async function downloadPdf(number, button) {
  button.disabled = true;
  const status = button.parentElement.querySelector('.dl-status');
  put(status);
  let res;
  try {
    res = await fetch(`/api/certificates/${encodeURIComponent(number)}/pdf`, { headers: { authorization: `Bearer ${session.token}` } });
  } catch { res = null; }
  button.disabled = false;
  if (!res || !res.ok) {
    let data = null;
    try { data = res ? await res.json() : null; } catch { /* not json */ }
    const [fa, e] = httpProblem({ status: res ? res.status : 0, data });
    put(status, h('span', { class: 'field-error', role: 'alert' }, fa, ' ', en(e)));
    return;
  }
  const blob = await res.blob();
  const url = URL.createObjectURL(blob);
  const link = h('a', { href: url, download: `${number}.pdf`, class: 'link-save', 'data-testid': 'pdf-link', title: `${number}.pdf` }, 'ذخیره دوباره', h('span', { class: 'en', lang: 'en' }, 'Save again'));
  put(status, link);
  link.click();
}
function certificateCell(certs) {
  if (!certs || !certs.length) return h('span', { class: 'muted' }, '—');
  return certs.map((c) => h('div', { class: 'cert-line' },
    h('a', { href: `/verify/${encodeURIComponent(c.number)}`, 'data-testid': 'certificate-number', title: 'استعلام اصالت / Verify' }, num(c.number)),
    h('div', { class: 'cert-actions' },
      c.status !== 'valid' ? badge(CERT_STATUS, c.status) : null,
      c.status !== 'pending' ? h('button', { type: 'button', class: 'btn small', 'data-testid': 'download-pdf', 'aria-label': `دریافت فایل گواهی ${c.number} / Download the certificate PDF`, onclick: (ev) => downloadPdf(c.number, ev.currentTarget) }, '⬇ PDF') : null,
      h('span', { class: 'dl-status' }))));
}

async function viewApplications(gen) {
  const holder = h('div', {});
  const refresh = h('button', { type: 'button', class: 'btn secondary small', 'data-testid': 'refresh-applications' }, '↻ به‌روزرسانی', h('span', { class: 'en', lang: 'en' }, 'Refresh'));
  const names = new Map((await definitions()).map((d) => [d.key, d.name || d.key]));
  let last = '';
  async function load(force) {
    const res = await api('GET', '/api/applications');
    if (gen !== state.gen) return;
    if (!res.ok) { put(holder, alertBox('err', ...httpProblem(res))); return; }
    const rows = res.data || [];
    const sig = JSON.stringify(rows.map((r) => [r.trackingNumber, r.status, r.outcome, r.certificates]));
    if (!force && sig === last) return;
    last = sig;
    if (!rows.length) {
      put(holder, h('div', { class: 'empty', 'data-testid': 'applications-empty' }, 'هنوز درخواستی ثبت نشده است.', en('No applications yet.'),
        hasRole('applicant') ? h('p', {}, h('a', { class: 'btn', href: '#/new' }, 'ثبت درخواست جدید', h('span', { class: 'en', lang: 'en' }, 'New application'))) : null));
      return;
    }
    const staff = isStaff();
    const cols = ['کد رهگیری|Tracking No.', 'فرایند|Process', staff ? 'متقاضی|Applicant' : null, 'وضعیت|Status', 'نتیجه|Outcome', 'تاریخ ثبت|Submitted', 'گواهی|Certificate'].filter(Boolean);
    put(holder, h('div', { class: 'table-wrap' }, h('table', { class: 'data', 'data-testid': 'applications-table' },
      h('caption', { class: 'sr-only' }, 'درخواست‌ها / Applications'),
      h('thead', {}, h('tr', {}, cols.map((s) => { const [fa, e] = s.split('|'); return h('th', { scope: 'col' }, fa, en(e)); }))),
      h('tbody', {}, rows.map((r) => h('tr', { 'data-testid': 'application-row', 'data-tracking': r.trackingNumber, 'data-status': r.status, 'data-outcome': r.outcome || '' },
        h('td', {}, h('a', { href: `#/application/${encodeURIComponent(r.trackingNumber)}`, 'data-testid': 'application-link' }, num(r.trackingNumber))),
        h('td', { class: 'col-process' }, biText(names.get(r.processKey) || r.processKey)),
        staff ? h('td', {}, r.organisation ? r.organisation.nameFa : '—') : null,
        h('td', {}, badge(APP_STATUS, r.status, 'app-status')),
        h('td', {}, r.outcome ? badge(OUTCOME, r.outcome, 'app-outcome') : h('span', { class: 'muted' }, '—')),
        h('td', {}, dateCell(r.createdAt)),
        h('td', {}, certificateCell(r.certificates))))))));
  }
  refresh.addEventListener('click', () => load(true));
  mount(gen, pageTitle(isStaff() ? 'درخواست‌ها' : 'درخواست‌های من', isStaff() ? 'Applications' : 'My applications', refresh), takeFlash(),
    h('section', { class: 'card' }, holder));
  holder.append(loading());
  await load(true);
  poll(gen, () => load(false), 4000);
}

async function viewApplication(gen, tn) {
  const res = await api('GET', `/api/applications/${encodeURIComponent(tn)}`);
  if (gen !== state.gen) return;
  if (!res.ok) {
    mount(gen, pageTitle('پرونده درخواست', 'Application'), alertBox('err', ...httpProblem(res)), h('a', { href: '#/applications', class: 'btn secondary' }, 'بازگشت', h('span', { class: 'en', lang: 'en' }, 'Back')));
    return;
  }
  const app = res.data;
  const form0 = await startForm(app.processKey, app.processVersion);
  const pname = await processName(app.processKey);
  if (gen !== state.gen) return;
  const open = (app.tasks || []).filter((t) => t.status === 'open');
  const me = session.user.username;
  const myGroups = session.user.groups || [];
  const mine = open.find((t) => (t.assignee ? t.assignee === me : (t.candidateGroups || '').split(',').some((g) => myGroups.includes(g))));
  mount(gen,
    h('nav', { class: 'breadcrumb', 'aria-label': 'مسیر / Breadcrumb' }, h('a', { href: '#/applications' }, isStaff() ? 'درخواست‌ها' : 'درخواست‌های من'), ' ‹ ', num(app.trackingNumber)),
    pageTitle('پرونده درخواست', `Application ${app.trackingNumber}`),
    h('div', { class: 'split' },
      h('div', {},
        h('section', { class: 'card' },
          h('header', {}, h('h3', {}, bi('مشخصات پرونده', 'Summary')), num(app.trackingNumber)),
          h('div', { class: 'body' }, h('dl', { class: 'kv', 'data-testid': 'application-summary' },
            h('dt', {}, 'فرایند', en('Process')), h('dd', {}, biText(pname)),
            h('dt', {}, 'متقاضی', en('Applicant')), h('dd', {}, app.organisation ? app.organisation.nameFa : '—'),
            h('dt', {}, 'وضعیت', en('Status')), h('dd', {}, badge(APP_STATUS, app.status, 'app-status')),
            h('dt', {}, 'نتیجه', en('Outcome')), h('dd', {}, app.outcome ? badge(OUTCOME, app.outcome, 'app-outcome') : '—'),
            h('dt', {}, 'تاریخ ثبت', en('Submitted')), h('dd', {}, dateCell(app.createdAt)),
            h('dt', {}, 'تاریخ پایان', en('Completed')), h('dd', {}, dateCell(app.completedAt)),
            h('dt', {}, 'گواهی', en('Certificate')), h('dd', {}, certificateCell(app.certificates))),
            open.length ? h('div', { class: 'waiting' }, open.map((t) => {
              const [wFa, wEn] = splitBi(t.name || t.elementId);
              return alertBox('info', `در انتظار: ${wFa}`, `Waiting for: ${wEn || t.elementId}`);
            }), mine ? h('a', { class: 'btn', href: `#/task/${encodeURIComponent(mine.id)}`, 'data-testid': 'work-on-task' }, 'انجام کار', h('span', { class: 'en', lang: 'en' }, 'Work on it')) : null) : null)),
        h('section', { class: 'card' },
          h('header', {}, h('h3', {}, bi('اطلاعات ارسالی', 'Submitted data'))),
          h('div', { class: 'body' }, valuesList(form0, app.submittedData, 'submitted-data'))),
        statusChangeCard(app.certificates)),
      h('section', { class: 'card' },
        h('header', {}, h('h3', {}, bi('سوابق رسیدگی', 'History'))),
        h('div', { class: 'body' }, h('ol', { class: 'timeline', 'data-testid': 'history' }, (app.history || []).map((e) => {
          const [fa, english] = pair(ACTIONS, e.action);
          const d = e.details || {};
          const detail = d.name ? biText(d.name, false) : e.action === 'certificate.issued' ? num(e.entityId) : d.outcome ? badge(OUTCOME, d.outcome) : null;
          const [roleFa] = ROLES[e.actorRole] || GROUPS[e.actorRole] || [e.actorRole || ''];
          const actor = e.actor === 'system' ? bi('سامانه', 'System', false) : h('span', {}, roleFa, ' ', h('span', { class: 'ltr', lang: 'en' }, `(${e.actor})`));
          return h('li', { 'data-action': e.action }, h('div', { class: 'what' }, fa, ' ', en(english)), detail ? h('div', {}, detail) : null,
            h('div', { class: 'meta' }, dateCell(e.at), actor));
        }))))));
}

// ---------------------------------------------------------------- inbox
async function viewInbox(gen) {
  const res = await api('GET', '/api/notifications');
  if (gen !== state.gen) return;
  if (!res.ok) { mount(gen, pageTitle('صندوق پیام', 'Inbox'), alertBox('err', ...httpProblem(res))); return; }
  const list = res.data || [];
  mount(gen, pageTitle('صندوق پیام', 'Inbox', h('span', { class: 'muted' }, `${faNum(list.length)} پیام`, en(` ${list.length} message${list.length === 1 ? '' : 's'}`))),
    h('section', { class: 'card', 'data-testid': 'inbox' }, list.length ? list.map((n) => h('article', { class: 'message', 'data-testid': 'notification' },
      h('span', { class: 'when' }, dateCell(n.createdAt)),
      h('h3', {}, n.subjectFa, n.subjectEn ? h('span', { class: 'en', lang: 'en', dir: 'ltr' }, n.subjectEn) : null),
      h('p', { class: 'body-fa', dir: 'auto' }, n.bodyFa),
      n.bodyEn ? h('p', { class: 'body-en', lang: 'en', dir: 'ltr' }, n.bodyEn) : null))
      : h('div', { class: 'empty', 'data-testid': 'inbox-empty' }, 'پیامی ندارید.', en('No messages.'))));
}

// ---------------------------------------------------------------- admin
async function viewAdmin(gen) {
  state.definitions = null;
  const defs = await definitions();
  if (gen !== state.gen) return;
  mount(gen, pageTitle('فرایندها و تعاریف', 'Process definitions',
    h('a', { class: 'btn small', href: '/modeler#/', 'data-testid': 'new-process-link' }, 'فرایند جدید', h('span', { class: 'en', lang: 'en' }, 'New process')),
    h('a', { class: 'btn secondary small', href: '/api/openapi.json', 'data-testid': 'openapi-link' }, 'مستندات API', h('span', { class: 'en', lang: 'en' }, 'OpenAPI (JSON)'))),
  h('p', { class: 'lead' }, 'فرایندهای مستقرشده در سامانه؛ هر استقرار یک نسخه جدید و تغییرناپذیر می‌سازد.', en('Deployed BPMN processes; every deployment makes a new immutable version.')),
  h('section', { class: 'card' }, defs.length ? h('div', { class: 'table-wrap' }, h('table', { class: 'data', 'data-testid': 'definitions-table' },
    h('caption', { class: 'sr-only' }, 'فرایندها / Process definitions'),
    h('thead', {}, h('tr', {}, ['نام فرایند|Process', 'شناسه|Key', 'آخرین نسخه|Latest version', 'تعداد نسخه‌ها|Versions', 'تاریخ استقرار|Deployed', 'اثر انگشت|SHA-256', 'ویرایش|Edit'].map((s) => { const [fa, e] = s.split('|'); return h('th', { scope: 'col' }, fa, en(e)); }))),
    h('tbody', {}, defs.map((d) => {
      const versionsCell = h('td', {});
      const btn = h('button', { type: 'button', class: 'btn secondary small', 'data-testid': 'show-versions', 'aria-expanded': 'false' }, faNum(d.versions || 1), h('span', { class: 'en', lang: 'en' }, 'show'));
      btn.addEventListener('click', async () => {
        const open = btn.getAttribute('aria-expanded') === 'true';
        const existing = versionsCell.querySelector('ul');
        if (open) { btn.setAttribute('aria-expanded', 'false'); if (existing) existing.remove(); return; }
        const r = await api('GET', `/api/definitions/${encodeURIComponent(d.key)}/versions`);
        btn.setAttribute('aria-expanded', 'true');
        versionsCell.append(h('ul', { class: 'versions' }, r.ok ? r.data.map((v) => h('li', {}, h('span', { class: 'ltr', dir: 'ltr' }, `v${v.version}${v.versionTag ? ` (${v.versionTag})` : ''}`), ' — ', dateCell(v.deployedAt), v.deployedBy ? [' — ', h('span', { class: 'ltr' }, v.deployedBy.username)] : null)) : h('li', {}, httpProblem(r)[0])));
      });
      versionsCell.append(btn);
      return h('tr', { 'data-testid': 'definition-row', 'data-key': d.key },
        h('td', {}, biText(d.name || d.key)),
        h('td', {}, num(d.key)),
        h('td', {}, h('span', { class: 'ltr', dir: 'ltr' }, `v${d.version}`, d.versionTag ? h('span', { class: 'muted' }, ` (${d.versionTag})`) : null)),
        versionsCell,
        h('td', {}, dateCell(d.deployedAt)),
        h('td', {}, h('span', { class: 'num', title: d.sha256 }, String(d.sha256 || '').slice(0, 12) + '…')),
        h('td', {}, h('a', { class: 'btn secondary small', href: `/modeler#/${encodeURIComponent(d.key)}`, 'data-testid': 'edit-definition' }, 'ویرایشگر', h('span', { class: 'en', lang: 'en' }, 'Edit'))));
    })))) : h('div', { class: 'empty' }, 'فرایندی مستقر نشده است.', en('No process is deployed.'))));
}

// ---------------------------------------------------------------- start
$('#logout').addEventListener('click', () => {
  session.clear();
  state.definitions = null;
  state.forms.clear();
  state.flash = { tone: 'info', fa: 'از سامانه خارج شدید.', en: 'You have signed out.' };
  history.replaceState(null, '', '/');
  renderShell();
  route();
});
window.addEventListener('hashchange', route);
renderShell();
route();
