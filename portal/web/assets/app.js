/**
 * The portal (index.html): sign-in, my tasks, task forms (form-js schemas rendered here — text,
 * choices, checklists, files uploaded to the document store, dynamic lists of rows, read-only
 * summaries — validated by the server), new applications, applications with their documents,
 * expected decision date and history, the inbox and the process definitions. A hash router
 * (#/tasks, #/task/<id>, …) over the JSON API; the token is kept in sessionStorage. Shared helpers
 * are in common.js.
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
  cancelled: ['لغوشده', 'Cancelled', 'grey'],
};
const OUTCOME = { approved: ['تأیید شد', 'Approved', 'ok'], rejected: ['رد شد', 'Rejected', 'err'], lapsed: ['مختومه', 'Lapsed', 'grey'] };
const ACTIONS = {
  'application.submitted': ['ثبت درخواست', 'Application submitted'], 'application.running': ['آغاز رسیدگی', 'Processing started'],
  'application.incident': ['بروز اشکال در پردازش', 'Processing incident'], 'application.completed': ['پایان رسیدگی', 'Application completed'],
  'application.failed': ['توقف ناموفق رسیدگی', 'Processing failed'], 'task.opened': ['ارجاع کار', 'Task opened'], 'task.completed': ['انجام کار', 'Task completed'],
  'certificate.issued': ['صدور گواهی', 'Certificate issued'], 'applicant.notified': ['ارسال پیام به متقاضی', 'Applicant notified'], 'definition.deployed': ['استقرار فرایند', 'Process deployed'],
  'certificate.status-change-requested': ['درخواست تغییر وضعیت گواهی', 'Certificate status change requested'], 'certificate.suspended': ['تعلیق گواهی', 'Certificate suspended'],
  'certificate.reinstated': ['رفع تعلیق گواهی', 'Certificate reinstated'], 'certificate.revoked': ['ابطال گواهی', 'Certificate revoked'], 'certificate.superseded': ['جایگزینی گواهی با تمدید', 'Certificate superseded by a renewal'],
  'document.attached': ['پیوست مدرک', 'Document attached'], 'task.cancelled': ['لغو کار', 'Task cancelled'],
  'task.claimed': ['برداشتن کار', 'Task claimed'], 'task.unclaimed': ['رها کردن کار', 'Task released'], 'task.commented': ['یادداشت روی کار', 'Task comment'], 'task.file-attached': ['پیوست فایل به کار', 'File attached to a task'],
  'application.clock-advanced': ['جلو بردن ساعت پرونده', 'Application clock advanced'], 'application.cancel-requested': ['درخواست لغو پرونده', 'Cancellation requested'],
  'application.cancelled': ['لغو پرونده', 'Application cancelled'], 'application.migrated': ['انتقال به نسخه دیگر فرایند', 'Migrated to another process version'],
  'application.started-by-event': ['آغاز با رویداد', 'Started by an event'],
};
/** A candidate group's name: known groups by name, an organisation's group by its national ID, any other by its id. */
function groupName(g) {
  if (GROUPS[g]) return GROUPS[g];
  const m = /^org:(.+)$/.exec(g);
  if (m && session.user && (session.user.groups || []).includes(g)) return ['سازمان شما', 'Your organisation'];
  return m ? [`سازمان با شناسه ملی ${m[1]}`, `Organisation ${m[1]}`] : [g, ''];
}
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
  if (m.startsWith('must be some of')) return 'تنها از گزینه‌های فهرست انتخاب کنید.';
  if (m === 'must be a list of options') return 'گزینه‌ها را از فهرست انتخاب کنید.';
  if (m === 'must not name an option twice') return 'هر گزینه را تنها یک بار انتخاب کنید.';
  if (m === 'takes one file') return 'تنها یک فایل مجاز است.';
  if ((r = m.match(/^takes at most (\d+) files$/))) return `حداکثر ${faNum(r[1])} فایل مجاز است.`;
  if (m === 'must be a list of document ids' || m === 'must hold document ids only') return 'فایل‌ها را با دکمه انتخاب فایل بارگذاری کنید.';
  if (m === 'must not name a document twice' || m === 'names the same document twice') return 'یک فایل دو بار آمده است.';
  if (/^document \S+ does not exist$/.test(m)) return 'فایل بارگذاری‌شده یافت نشد؛ آن را دوباره بارگذاری کنید.';
  if (/^document \S+ belongs to another application$/.test(m)) return 'این فایل به پرونده دیگری تعلق دارد؛ آن را دوباره بارگذاری کنید.';
  if ((r = m.match(/^must be (a PDF|a PNG image|a JPEG image)(?:(?:, | or )(a PDF|a PNG image|a JPEG image))*$/))) {
    const names = { 'a PDF': 'PDF', 'a PNG image': 'تصویر PNG', 'a JPEG image': 'تصویر JPEG' };
    const found = m.slice('must be '.length).split(/, | or /).map((x) => names[x]);
    return `فایل باید ${found.length > 1 ? `${found.slice(0, -1).join('، ')} یا ${found[found.length - 1]}` : found[0]} باشد.`;
  }
  if (m.startsWith('must be of a type in')) return 'نوع فایل پذیرفته نیست.';
  if ((r = m.match(/^must have at most (\d+) rows$/))) return `حداکثر ${faNum(r[1])} ردیف مجاز است.`;
  if (m === 'must be a list of rows') return 'مقدار باید فهرستی از ردیف‌ها باشد.';
  if (m === 'must be an object') return 'این ردیف درست نیست.';
  if (m === 'must be text') return 'مقدار باید متن باشد.';
  if (m === 'must be a number') return 'مقدار باید عدد باشد.';
  if (m === 'must be true or false') return 'مقدار باید بله یا خیر باشد.';
  if (m === 'unknown field') return 'این بخش در فرم تعریف نشده است.';
  return 'مقدار این بخش پذیرفته نشد.';
}
/** The server's English, as a sentence. */
const enFieldMessage = (msg) => (String(msg) === 'is required' ? 'This field is required.' : `${capital(msg)}.`);


// ---------------------------------------------------------------- API

/** A JSON API call (a FormData body goes as multipart); `{ status, ok, data }`. */
async function api(method, url, body) {
  const headers = { accept: 'application/json' };
  if (session.token) headers.authorization = `Bearer ${session.token}`;
  const form = typeof FormData !== 'undefined' && body instanceof FormData;
  if (body !== undefined && !form) headers['content-type'] = 'application/json';
  const res = await request(url, { method, headers, body: body === undefined || form ? body : JSON.stringify(body) });
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
/**
 * What applying for a process takes (GET /api/definitions/:key/start-form): its start form with the
 * register lists filled in, the published decision time and the rejection conditions. `version`
 * omitted: the version in force, always asked afresh (registers change); a given version is cached.
 */
async function startInfo(key, version) {
  const id = `${key}@${version || ''}`;
  if (version && state.forms.has(id)) return state.forms.get(id);
  const res = await api('GET', `/api/definitions/${encodeURIComponent(key)}/start-form${version ? `?version=${encodeURIComponent(version)}` : ''}`);
  const info = res.ok && res.data ? res.data : null;
  if (info && version) state.forms.set(id, info);
  return info;
}
/** The start form (form-js JSON) of one definition version, cached: to read submitted data by its labels. */
async function startForm(key, version) {
  const info = key ? await startInfo(key, version) : null;
  return info && info.form ? info.form : null;
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
        h('li', {}, bi('ثبت درخواست مجوزها و گواهی‌ها (تأیید فنی و سلامت نرم‌افزار، افتا، خدمات ابری، مراکز داده) و پیگیری آن با کد رهگیری', 'Apply for licences and certificates (software, AFTA, cloud, data centres) and track them')),
        h('li', {}, bi('بررسی درخواست‌ها در کارتابل کارشناسان', 'Review applications in the reviewers\u2019 task list')),
        h('li', {}, bi('دریافت گواهی الکترونیکی امضاشده (PDF)', 'Download the digitally signed certificate (PDF)')),
        h('li', {}, h('a', { href: '/verify', 'data-testid': 'login-verify-link' }, 'استعلام عمومی اصالت گواهی — بدون نیاز به ورود'), en('Public certificate verification — no sign-in needed'))))));
  username.focus();
}

// ---------------------------------------------------------------- documents
/** The server's limit for one upload (POST /api/documents). */
const MAX_UPLOAD_BYTES = 10 * 1024 * 1024;
const DOC_KINDS = { attachment: ['پیوست کار', 'Task attachment'], upload: ['بارگذاری‌شده', 'Uploaded'] };

/** [Persian, English] for a file size: "۲٫۴ کیلوبایت", "2.4 KB". */
function sizeText(bytes) {
  const n = Number(bytes) || 0;
  const [v, fa, e] = n >= 1048576 ? [n / 1048576, 'مگابایت', 'MB'] : n >= 1024 ? [n / 1024, 'کیلوبایت', 'KB'] : [n, 'بایت', 'bytes'];
  const r = v >= 10 || n < 1024 ? Math.round(v) : Math.round(v * 10) / 10;
  return [`${r.toLocaleString('fa-IR')} ${fa}`, `${r} ${e}`];
}

/**
 * Fetches a file with the bearer token and hands it to the browser as a download (a plain link
 * could not send the token); `status` shows a failure, or a link to save the file again.
 */
async function downloadFile(url, filename, button, status, linkTestid) {
  button.disabled = true;
  put(status);
  let res;
  try {
    res = await fetch(url, { headers: { authorization: `Bearer ${session.token}` } });
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
  const link = h('a', { href: URL.createObjectURL(blob), download: filename, class: 'link-save', 'data-testid': linkTestid, title: filename }, 'ذخیره دوباره', h('span', { class: 'en', lang: 'en' }, 'Save again'));
  put(status, link);
  link.click();
}

/** A document's name as a download button, and where its download reports back. */
function docButton(doc) {
  const status = h('span', { class: 'dl-status' });
  const button = h('button', { type: 'button', class: 'linklike', 'data-testid': 'download-document', title: 'دریافت فایل / Download' },
    h('span', { class: 'filename', dir: 'auto' }, doc.filename || doc.id),
    h('span', { class: 'sr-only' }, ' — دریافت / download'));
  button.addEventListener('click', () => downloadFile(`/api/documents/${encodeURIComponent(doc.id)}/content`, doc.filename || doc.id, button, status, 'document-link'));
  return [button, status];
}

/** Field key → label, over the given forms (a document's kind is the key of the field it was given in). */
function fieldLabels(...forms) {
  const labels = new Map();
  for (const form of forms) for (const c of (form && Array.isArray(form.components) ? form.components : [])) if (c.key && c.label && !labels.has(c.key)) labels.set(c.key, c.label);
  return labels;
}

/** The documents of an application: each downloadable, with what it was given as, its size, date and uploader. */
function documentsList(docs, labels = new Map()) {
  if (!docs || !docs.length) return h('p', { class: 'muted', 'data-testid': 'documents-empty' }, 'مدرکی پیوست نشده است. ', en('No documents.'));
  return h('ul', { class: 'doc-list', 'data-testid': 'documents' }, docs.map((d) => {
    const [kFa, kEn] = labels.has(d.kind) ? splitBi(labels.get(d.kind)) : pair(DOC_KINDS, d.kind);
    const [sFa, sEn] = sizeText(d.size);
    return h('li', { 'data-testid': 'document-item', 'data-id': d.id, 'data-kind': d.kind },
      h('div', { class: 'doc-name' }, docButton(d)),
      h('div', { class: 'doc-meta' },
        h('span', {}, kFa, kEn ? en(kEn) : null), h('span', {}, sFa, en(sEn)),
        h('span', { class: 'inline-date' }, dateCell(d.attachedAt || d.createdAt)),
        d.uploadedBy ? h('span', { class: 'ltr', lang: 'en' }, d.uploadedBy) : null));
  }));
}

/** Uploads one file (multipart `file`); `{status, ok, data}` like api(). */
function uploadFile(file) {
  const body = new FormData();
  body.append('file', file, file.name);
  return api('POST', '/api/documents', body);
}

/** What a filepicker's `accept` allows, in words: [Persian, English]. */
function acceptText(accept) {
  const names = [];
  for (const t of String(accept || '').split(',').map((x) => x.trim().toLowerCase()).filter(Boolean)) {
    const n = t === '.pdf' || t === 'application/pdf' ? ['PDF', 'PDF']
      : t === 'image/*' ? ['تصویر (PNG یا JPEG)', 'image (PNG or JPEG)']
        : t === '.png' || t === 'image/png' ? ['PNG', 'PNG']
          : ['.jpg', '.jpeg', 'image/jpeg'].includes(t) ? ['JPEG', 'JPEG'] : [t, t];
    if (!names.some(([, e]) => e === n[1])) names.push(n);
  }
  if (!names.length) return ['PDF، PNG یا JPEG', 'PDF, PNG or JPEG'];
  return [names.map(([fa]) => fa).join(' یا '), names.map(([, e]) => e).join(' or ')];
}
/** The browser's own reading of `accept` (extension or MIME type); the server checks the content again. */
function acceptsFile(accept, file) {
  const tokens = String(accept || '').split(',').map((x) => x.trim().toLowerCase()).filter(Boolean);
  if (!tokens.length) return true;
  const name = file.name.toLowerCase();
  const type = (file.type || '').toLowerCase();
  return tokens.some((t) => (t.startsWith('.') ? name.endsWith(t) || (t === '.jpg' && name.endsWith('.jpeg')) : t.endsWith('/*') ? type.startsWith(t.slice(0, -1)) : type === t));
}
/** Why a picked file will not do, before it is sent: [Persian, English], or null. */
function fileProblem(file, accept) {
  if (file.size > MAX_UPLOAD_BYTES) return [`حجم فایل «${file.name}» بیش از ۱۰ مگابایت است.`, `"${file.name}" is larger than 10 MB.`];
  if (file.size === 0) return [`فایل «${file.name}» خالی است.`, `"${file.name}" is empty.`];
  if (!acceptsFile(accept, file)) { const [fa, e] = acceptText(accept); return [`فایل «${file.name}» پذیرفته نیست؛ تنها ${fa} مجاز است.`, `"${file.name}" is not accepted: ${e} only.`]; }
  return null;
}
/** Why the server refused an upload: [Persian, English]. */
function uploadProblem(res, file) {
  switch (res.status) {
    case 413: return [`حجم فایل «${file.name}» بیش از ۱۰ مگابایت است.`, `"${file.name}" is larger than 10 MB.`];
    case 415: return [`محتوای فایل «${file.name}» PDF، PNG یا JPEG نیست.`, `"${file.name}" is not a PDF, PNG or JPEG file.`];
    case 400: return [`فایل «${file.name}» خالی است یا ارسال نشد.`, serverMessage(res) || `"${file.name}" is empty or was not sent.`];
    case 429: return ['تعداد فایل‌های بارگذاری‌شده و هنوز ثبت‌نشده شما از حد مجاز گذشته است؛ فرم‌های نیمه‌کاره را ثبت کنید یا فردا دوباره تلاش کنید.', serverMessage(res) || 'Too many uploads not yet used in a form.'];
    default: return httpProblem(res);
  }
}

// ---------------------------------------------------------------- form-js renderer
/** Parses the `=field = "value"` (and `!=`) pattern of conditional.hide; anything else: never hidden here. */
function hideRule(field) {
  const hide = field.conditional && typeof field.conditional.hide === 'string' ? field.conditional.hide.trim() : '';
  const m = hide.match(/^=\s*([A-Za-z_][\w]*)\s*(=|!=)\s*"([^"]*)"\s*$/);
  if (!m) return null;
  return (values) => { const v = values[m[1]] === undefined ? null : values[m[1]]; return m[2] === '=' ? v === m[3] : v !== m[3]; };
}

/** The variable a component writes: its key, or a dynamic list's path. */
const fieldName = (c) => (c && c.type === 'dynamiclist' ? c.path : c && c.key);
/** An option's label for a value (select, radio, checklist), else the value itself. */
function optionLabel(c, v) {
  const o = c && Array.isArray(c.values) ? c.values.find((x) => x.value === v) : null;
  return o ? String(o.label ?? o.value) : typeof v === 'boolean' ? (v ? 'بله / Yes' : 'خیر / No') : String(v);
}
/** What a read-only field shows: option labels for choices, one item a line for lists. */
function displayText(c, v) {
  if (v === undefined || v === null || v === '') return '—';
  if (Array.isArray(v)) return v.map((x) => (x !== null && typeof x === 'object' ? JSON.stringify(x) : optionLabel(c, x))).join('\n');
  if (typeof v === 'object') return JSON.stringify(v);
  return optionLabel(c, v);
}
let fieldSeq = 0;

/**
 * One field of a form-js schema: { c, key, wrapper, hide, readonly, read(), value(), setError(msg),
 * focusEl(), busy() }; a dynamic list also has `rows`, each { el, fields, err }.
 * read(): the raw value for hide rules; value(): what is submitted (undefined: nothing).
 */
function makeField(c, initial, id, ctx) {
  if (c.type === 'dynamiclist') return makeListField(c, initial, id, ctx);
  const key = fieldName(c);
  const readonly = c.readonly === true;
  const rules = c.validate || {};
  const required = !!rules.required && !readonly;
  const errId = `${id}-error`;
  const hintId = `${id}-hint`;
  const [labelFa, labelEn] = splitBi(c.label || key);
  const had = initial !== undefined && initial !== null && !(Array.isArray(initial) && !initial.length);
  const common = { id, name: key, 'data-testid': `field-${key}`, 'aria-describedby': `${errId} ${hintId}`, 'aria-required': required ? 'true' : null };
  const reqMark = required ? h('span', { class: 'req', 'aria-hidden': 'true', title: 'الزامی / required' }, '*') : null;
  const text = (v) => (v === undefined || v === null ? '' : String(v));
  const hintParts = [];
  const f = { c, key, readonly, hide: hideRule(c), busy: () => false };
  let control;
  let labelEl;
  let extra = [];
  if (!readonly && rules.minLength) hintParts.push([`دست‌کم ${faNum(rules.minLength)} نویسه`, `at least ${rules.minLength} characters`]);
  if (!readonly && rules.maxLength && c.type === 'textarea') hintParts.push([`حداکثر ${faNum(rules.maxLength)} نویسه`, `at most ${rules.maxLength}`]);

  if (readonly) {
    // shown, not editable, never submitted (the server drops it too); keeps line breaks
    const shown = c.type === 'filepicker' ? null : displayText(c, initial);
    if (c.type === 'filepicker') {
      control = h('ul', { class: 'file-list', id, 'data-testid': `field-${key}`, 'aria-labelledby': `${id}-label` },
        (Array.isArray(initial) ? initial : []).map((docId) => h('li', {}, docButton(ctx.docs.get(docId) || { id: docId, filename: docId }))));
      labelEl = h('span', { class: 'legend-like', id: `${id}-label` }, h('strong', {}, labelFa), labelEn ? en(labelEn) : null);
    } else {
      // all of it in view (a summary can run to many lines), read as a read-only text box
      control = h('div', { id, class: 'readonly-value', role: 'textbox', 'aria-readonly': 'true', 'aria-multiline': String(shown.includes('\n') || c.type === 'textarea'),
        'aria-labelledby': `${id}-label`, 'aria-describedby': hintId, tabindex: '0', dir: 'auto', 'data-testid': `field-${key}` }, shown);
      labelEl = h('span', { class: 'legend-like', id: `${id}-label` }, h('strong', {}, labelFa), labelEn ? en(labelEn) : null);
    }
    f.read = () => (initial === undefined ? null : initial);
    f.value = () => undefined;
  } else if (c.type === 'select') {
    const options = c.values || [];
    control = h('select', common, h('option', { value: '' }, '— انتخاب کنید / Choose —'), options.map((o) => h('option', { value: o.value }, String(o.label ?? o.value))));
    control.value = text(initial);
    if (!options.length) hintParts.push(['فعلاً گزینه‌ای برای انتخاب وجود ندارد', 'no option is available at the moment']);
  } else if (c.type === 'textarea') {
    control = h('textarea', { ...common, rows: 5, dir: 'auto', maxlength: rules.maxLength || null });
    control.value = text(initial);
  } else if (c.type === 'number') {
    control = h('input', { ...common, type: 'number', inputmode: 'decimal', dir: 'ltr', min: rules.min ?? null, max: rules.max ?? null, step: 'any' });
    control.value = text(initial);
  } else if (c.type === 'checkbox') {
    control = h('input', { ...common, type: 'checkbox' });
    control.checked = initial === true;
    f.read = () => control.checked;
    f.value = () => control.checked;
  } else if (c.type === 'radio') {
    control = h('div', { role: 'radiogroup', id, 'data-testid': `field-${key}`, 'aria-describedby': errId, 'aria-required': required ? 'true' : null, 'aria-labelledby': `${id}-label` },
      (c.values || []).map((o, i) => h('label', { class: 'check' }, h('input', { type: 'radio', name: `${id}-radio`, id: `${id}-${i}`, value: o.value, checked: initial === o.value }), String(o.label ?? o.value))));
    f.read = () => { const sel = control.querySelector('input:checked'); return sel ? sel.value : null; };
    f.value = () => f.read() ?? undefined;
    f.focusEl = () => control.querySelector('input:checked') || control.querySelector('input');
  } else if (c.type === 'checklist') {
    const chosen = Array.isArray(initial) ? initial : [];
    control = h('div', { class: 'checklist', role: 'group', id, 'data-testid': `field-${key}`, 'aria-labelledby': `${id}-label`, 'aria-describedby': `${errId} ${hintId}` },
      (c.values || []).map((o, i) => h('label', { class: 'check', for: `${id}-${i}` },
        h('input', { type: 'checkbox', id: `${id}-${i}`, name: key, value: o.value, checked: chosen.includes(o.value) }), biText(o.label ?? o.value))));
    if (required) hintParts.push(['دست‌کم یک گزینه را انتخاب کنید', 'choose at least one']);
    f.read = () => [...control.querySelectorAll('input:checked')].map((x) => x.value);
    f.value = () => { const v = f.read(); return v.length || had ? v : undefined; };
    f.focusEl = () => control.querySelector('input');
  } else if (c.type === 'filepicker') {
    const multiple = c.multiple === true;
    let ids = Array.isArray(initial) ? initial.filter((x) => typeof x === 'string') : [];
    let pending = 0;
    const statusId = `${id}-status`;
    const list = h('ul', { class: 'file-list', 'data-testid': `files-${key}`, 'aria-label': `${labelFa} / ${labelEn || key}` });
    const status = h('p', { class: 'upload-status', id: statusId, 'aria-live': 'polite', 'data-testid': `upload-status-${key}` });
    control = h('input', { ...common, type: 'file', accept: c.accept || null, multiple, 'aria-describedby': `${errId} ${statusId} ${hintId}` });
    const [aFa, aEn] = acceptText(c.accept);
    hintParts.push([`${aFa}، حداکثر ۱۰ مگابایت${multiple ? '؛ چند فایل مجاز است' : '؛ یک فایل'}`, `${aEn}, at most 10 MB${multiple ? '; several files allowed' : '; one file'}`]);
    const draw = () => {
      list.hidden = !ids.length;
      put(list, ids.map((docId) => {
        const d = ctx.docs.get(docId) || { id: docId, filename: docId };
        const [sFa, sEn] = d.size ? sizeText(d.size) : ['', ''];
        return h('li', { 'data-testid': 'file-item', 'data-id': docId },
          docButton(d), sFa ? h('span', { class: 'muted size' }, sFa, en(sEn)) : null,
          h('button', { type: 'button', class: 'btn secondary small', 'data-testid': 'remove-file', 'aria-label': `حذف ${d.filename} / Remove ${d.filename}`,
            onclick: () => { ids = ids.filter((x) => x !== docId); draw(); put(status, 'فایل از فرم برداشته شد.', en('File removed from the form.')); control.focus(); } },
          'حذف', h('span', { class: 'en', lang: 'en' }, 'Remove')));
      }));
    };
    // documents named by a prefill but not listed with the task: their names from their metadata
    for (const docId of ids.filter((x) => !ctx.docs.has(x))) {
      api('GET', `/api/documents/${encodeURIComponent(docId)}`).then((r) => { if (r.ok && r.data) { ctx.docs.set(docId, r.data); draw(); } });
    }
    control.addEventListener('change', async () => {
      const files = [...(control.files || [])];
      control.value = '';
      if (!files.length) return;
      showFieldError(f.err, control, null);
      for (const file of multiple ? files : files.slice(0, 1)) {
        const problem = fileProblem(file, c.accept);
        if (problem) { showFieldError(f.err, control, ...problem); continue; }
        pending++;
        put(status, h('span', { class: 'spinner', 'aria-hidden': 'true' }), ` در حال بارگذاری «${file.name}»…`, en(`Uploading "${file.name}"…`));
        const r = await uploadFile(file);
        pending--;
        if (r.status === 201 && r.data && r.data.id) {
          ctx.docs.set(r.data.id, r.data);
          ids = multiple ? [...ids, r.data.id] : [r.data.id];
          draw();
          put(status, `«${file.name}» بارگذاری شد.`, en(`"${file.name}" uploaded.`));
        } else {
          put(status);
          showFieldError(f.err, control, ...uploadProblem(r, file));
        }
      }
    });
    draw();
    extra = [list];
    f.read = () => [...ids];
    f.value = () => (ids.length || had ? [...ids] : undefined);
    f.busy = () => pending > 0;
    f.after = [status];
  } else {
    control = h('input', { ...common, type: 'text', dir: 'auto', maxlength: rules.maxLength || null });
    control.value = text(initial);
  }
  if (!f.read) f.read = () => (control.value === '' ? null : control.value);
  if (!f.value) {
    f.value = () => {
      const v = c.type === 'textarea' || c.type === 'textfield' ? control.value.trim() : control.value;
      if (v === '') return undefined;
      if (c.type === 'number') { const n = Number(v); return Number.isFinite(n) ? n : v; }
      return v;
    };
  }
  if (!labelEl) {
    if (c.type === 'checkbox') labelEl = h('label', { class: 'check', for: id }, control, h('span', {}, labelFa, labelEn ? en(labelEn) : null), reqMark);
    else if (c.type === 'radio' || c.type === 'checklist') labelEl = h('span', { class: 'legend-like', id: `${id}-label` }, h('strong', {}, labelFa), reqMark, labelEn ? en(labelEn) : null);
    else labelEl = h('label', { for: id }, labelFa, reqMark, labelEn ? en(labelEn) : null);
  }
  const hint = h('p', { class: 'hint', id: hintId, hidden: !hintParts.length }, hintParts.map(([fa]) => fa).join(' · '), en(capital(hintParts.map(([, e]) => e).join(' · '))));
  f.err = h('p', { class: 'field-error', id: errId, 'data-testid': `error-${key}`, hidden: true, 'aria-live': 'polite' });
  f.control = control;
  f.wrapper = h('div', { class: `field field-${c.type}${readonly ? ' is-readonly' : ''}`, 'data-field': key },
    c.type === 'checkbox' ? labelEl : [labelEl, extra, control], f.after || null, hint, f.err);
  if (!f.focusEl) f.focusEl = () => control;
  f.setError = (msg) => (msg ? showFieldError(f.err, control, faFieldMessage(msg), enFieldMessage(msg)) : showFieldError(f.err, control, null));
  return f;
}

/** A dynamic list: rows of the list's fields, added and removed when `allowAddRemove`; value: the rows. */
function makeListField(c, initial, id, ctx) {
  const key = fieldName(c);
  const readonly = c.readonly === true;
  const [labelFa, labelEn] = splitBi(c.label || key);
  const comps = (Array.isArray(c.components) ? c.components : []).filter((x) => fieldName(x) && x.type !== 'button' && x.type !== 'dynamiclist');
  const canEdit = c.allowAddRemove === true && !readonly;
  const initialRows = Array.isArray(initial) ? initial : null;
  const body = h('div', { class: 'rows-body' });
  const f = { c, key, readonly, hide: hideRule(c), rows: [], busy: () => f.rows.some((r) => r.fields.some((x) => x.busy())) };
  f.err = h('p', { class: 'field-error', id: `${id}-error`, 'data-testid': `error-${key}`, hidden: true, 'aria-live': 'polite' });
  const relabel = () => f.rows.forEach((r, i) => {
    r.el.dataset.index = String(i);
    put(r.legend, `ردیف ${faNum(i + 1)}`, en(`Row ${i + 1}`));
    if (r.remove) r.remove.setAttribute('aria-label', `حذف ردیف ${faNum(i + 1)} / Remove row ${i + 1}`);
  });
  function addRow(values) {
    const rid = `${id}-r${++fieldSeq}`;
    const row = { legend: h('legend', { class: 'row-legend' }), err: h('p', { class: 'field-error', 'data-testid': 'row-error', hidden: true, 'aria-live': 'polite' }) };
    row.fields = comps.map((sub) => makeField(readonly ? { ...sub, readonly: true } : sub, values && typeof values === 'object' ? values[fieldName(sub)] : sub.defaultValue, `${rid}-${fieldName(sub)}`, ctx));
    row.remove = canEdit ? h('button', { type: 'button', class: 'btn secondary small', 'data-testid': 'remove-row' }, '✕ حذف ردیف', h('span', { class: 'en', lang: 'en' }, 'Remove row')) : null;
    row.el = h('fieldset', { class: 'row', 'data-testid': 'row' }, row.legend, h('div', { class: 'row-grid' }, row.fields.map((x) => x.wrapper)), row.err,
      row.remove ? h('div', { class: 'row-actions' }, row.remove) : null);
    if (row.remove) {
      row.remove.addEventListener('click', () => {
        f.rows.splice(f.rows.indexOf(row), 1);
        row.el.remove();
        relabel();
        showFieldError(f.err, f.control, null);
        (addButton || f.control).focus();
      });
    }
    f.rows.push(row);
    body.append(row.el);
    relabel();
    return row;
  }
  const addButton = canEdit ? h('button', { type: 'button', class: 'btn secondary small', 'data-testid': `add-row-${key}` }, '＋ افزودن ردیف', h('span', { class: 'en', lang: 'en' }, 'Add a row')) : null;
  if (addButton) addButton.addEventListener('click', () => { const row = addRow(null); showFieldError(f.err, f.control, null); if (row.fields[0]) row.fields[0].focusEl().focus(); });
  f.control = h('fieldset', { class: 'rows', id, 'data-testid': `rows-${key}`, 'aria-describedby': `${id}-error` },
    h('legend', {}, labelFa, labelEn ? en(labelEn) : null), body, addButton ? h('div', { class: 'rows-actions' }, addButton) : null);
  if (initialRows) initialRows.forEach((v) => addRow(v));
  else for (let i = 0; i < (Number.isInteger(c.defaultRepetitions) ? c.defaultRepetitions : 1); i++) addRow(null);
  if (!f.rows.length && !canEdit) body.append(h('p', { class: 'muted' }, '—'));
  f.wrapper = h('div', { class: 'field field-dynamiclist', 'data-field': key }, f.control, f.err);
  f.read = () => f.rows.map((r) => rawOf(r.fields));
  f.value = () => (f.rows.length || initialRows ? f.rows.map((r) => valuesOf(r.fields)) : undefined);
  f.focusEl = () => (f.rows[0] && f.rows[0].fields[0] ? f.rows[0].fields[0].focusEl() : addButton || f.control);
  f.setError = (msg) => (msg ? showFieldError(f.err, f.control, faFieldMessage(msg), enFieldMessage(msg)) : showFieldError(f.err, f.control, null));
  return f;
}

/** Raw values of sibling fields (what hide rules read). */
function rawOf(fields) {
  const out = {};
  for (const f of fields) out[f.key] = f.read();
  return out;
}
/** Submitted values of sibling fields: visible, writable, with a value. */
function valuesOf(fields) {
  const out = {};
  for (const f of fields) {
    if (f.wrapper.hidden || f.readonly) continue;
    const v = f.value();
    if (v !== undefined) out[f.key] = v;
  }
  return out;
}
/** Every field with its own error line: the fields, and those of each list's rows. */
const allFields = (fields) => fields.flatMap((f) => (f.rows ? [f, ...f.rows.flatMap((r) => allFields(r.fields))] : [f]));

/**
 * Renders a form-js schema. Returns { el, values(), showErrors(errors), clearErrors(), busy() }.
 * Validation is the server's: it reports per-field errors with a 400 (`key`, and `path[i].key` for
 * a dynamic list's rows), shown next to each field. `documents`: metadata of documents the values
 * may name (the application's), so that files are shown by name.
 */
function renderForm(schema, prefill, idPrefix, { documents = [] } = {}) {
  const ctx = { docs: new Map(documents.map((d) => [d.id, d])) };
  const fields = [];
  const container = h('div', { class: 'form-grid' });
  const components = (schema && Array.isArray(schema.components)) ? schema.components : [];
  for (const c of components) {
    if (c.type === 'text' && !c.key) { container.append(h('p', { class: 'muted form-text', dir: 'auto' }, String(c.text || ''))); continue; }
    const key = fieldName(c);
    if (!key || c.type === 'button') continue;
    const initial = prefill && Object.prototype.hasOwnProperty.call(prefill, key) ? prefill[key] : (c.defaultValue !== undefined ? c.defaultValue : undefined);
    const f = makeField(c, initial, `${idPrefix}-${key}`, ctx);
    container.append(f.wrapper);
    fields.push(f);
  }

  // hide conditions may read process variables the form does not hold (the task's prefill has them)
  const own = new Set(components.map((c) => c.key || c.path).filter(Boolean));
  const context = Object.fromEntries(Object.entries(prefill || {}).filter(([k]) => !own.has(k)));
  function applyVisibility(list, outer = context) {
    const raw = { ...outer, ...rawOf(list) };
    for (const f of list) {
      const hidden = f.hide ? f.hide(raw) : false;
      f.wrapper.hidden = hidden;
      if (hidden) allFields([f]).forEach((x) => x.setError(null));
      if (f.rows) f.rows.forEach((r) => applyVisibility(r.fields, raw));
    }
  }
  const rowOf = (el) => fields.flatMap((f) => f.rows || []).find((r) => r.el.contains(el));
  // errors clear while the user types or picks (not on blur: a layout shift then would swallow the click on submit)
  const onEdit = (ev) => {
    // (a file field reports its own upload problems, and clears them itself)
    const f = allFields(fields).filter((x) => !x.rows).find((x) => x.wrapper.contains(ev.target));
    if (f && !f.err.hidden && f.c.type !== 'filepicker') f.setError(null);
    const row = rowOf(ev.target);
    if (row && !row.err.hidden) showFieldError(row.err, row.el, null);
    applyVisibility(fields);
  };
  container.addEventListener('input', onEdit);
  container.addEventListener('change', onEdit);
  container.addEventListener('click', (ev) => { if (ev.target.closest && ev.target.closest('[data-testid=remove-row], [data-testid^=add-row-], [data-testid=remove-file]')) setTimeout(() => applyVisibility(fields)); });
  applyVisibility(fields);

  /** Where an error key is shown: a field, a row's field, or a row. */
  function target(key) {
    const m = /^(.+?)\[(\d+)\](?:\.(.+))?$/.exec(key);
    if (!m) {
      const f = fields.find((x) => x.key === key && !x.wrapper.hidden);
      return f ? { show: f.setError, focusEl: f.focusEl } : null;
    }
    const list = fields.find((x) => x.key === m[1] && x.rows && !x.wrapper.hidden);
    const row = list ? list.rows[Number(m[2])] : null;
    if (!row) return null;
    if (!m[3]) return { show: (msg) => showFieldError(row.err, row.el, faFieldMessage(msg), enFieldMessage(msg)), focusEl: () => (row.fields[0] ? row.fields[0].focusEl() : row.el) };
    const sub = row.fields.find((x) => x.key === m[3] && !x.wrapper.hidden);
    return sub ? { show: sub.setError, focusEl: sub.focusEl } : null;
  }

  return {
    el: container,
    /** The visible, writable fields' values, typed as form-js submits them; empty fields are left out. */
    values: () => valuesOf(fields),
    /** True while a file is still being uploaded. */
    busy: () => fields.some((f) => f.busy()),
    /** Shows `errors` (field → message) next to the fields, focuses the first; returns messages for keys without a field. */
    showErrors(errors) {
      const orphans = [];
      const shown = [];
      for (const [key, msg] of Object.entries(errors || {})) {
        const t = target(key);
        if (!t) { orphans.push([key, msg]); continue; }
        t.show(msg);
        shown.push(t.focusEl());
      }
      shown.sort((a, b) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
      if (shown[0]) shown[0].focus();
      return orphans;
    },
    clearErrors() {
      allFields(fields).forEach((f) => f.setError(null));
      fields.forEach((f) => (f.rows || []).forEach((r) => showFieldError(r.err, r.el, null)));
    },
  };
}

/** A value as read-only content: option labels, lists, files by name, a dynamic list's rows as a table. */
function valueNode(c, v, docs) {
  if (v === null || v === undefined || v === '' || (Array.isArray(v) && !v.length)) return h('span', { class: 'muted' }, '—');
  if (c && c.type === 'filepicker' && Array.isArray(v)) {
    return h('ul', { class: 'file-list plain' }, v.map((id) => h('li', {}, docs.has(id) ? docButton(docs.get(id)) : num(String(id)))));
  }
  if (c && c.type === 'dynamiclist' && Array.isArray(v)) {
    const cols = (c.components || []).filter((x) => x.key);
    return h('div', { class: 'table-wrap' }, h('table', { class: 'data rows-table' },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, '#'), cols.map((x) => { const [fa, e] = splitBi(x.label || x.key); return h('th', { scope: 'col' }, fa, e ? en(e) : null); }))),
      h('tbody', {}, v.map((row, i) => h('tr', {}, h('td', {}, faNum(i + 1)), cols.map((x) => {
        const cell = row && typeof row === 'object' ? row[x.key] : undefined;
        // option labels "فارسی / English" stacked, to keep the columns narrow
        return h('td', {}, x.values && typeof cell === 'string' ? biText(optionLabel(x, cell)) : valueNode(x, cell, docs));
      }))))));
  }
  if (Array.isArray(v)) return h('ul', { class: 'value-list' }, v.map((x) => h('li', {}, h('span', { class: 'val', dir: 'auto' }, x !== null && typeof x === 'object' ? JSON.stringify(x) : optionLabel(c, x)))));
  if (typeof v === 'object') return h('span', { class: 'val', dir: 'auto' }, JSON.stringify(v));
  return h('span', { class: 'val', dir: 'auto' }, optionLabel(c, v));
}

/** Read-only view of values against a form's labels (select values shown by their labels, files by name). */
function valuesList(form, values, testid, docs = new Map()) {
  const comps = form && Array.isArray(form.components) ? form.components.filter((c) => fieldName(c) && c.type !== 'text') : [];
  const keys = Object.keys(values || {});
  const ordered = [...comps.filter((c) => keys.includes(fieldName(c))).map(fieldName), ...keys.filter((k) => !comps.some((c) => fieldName(c) === k))];
  if (!ordered.length) return h('p', { class: 'muted' }, 'اطلاعاتی ثبت نشده است. ', en('No data.'));
  return h('dl', { class: 'kv', 'data-testid': testid }, ordered.flatMap((k) => {
    const c = comps.find((x) => fieldName(x) === k);
    const [fa, e] = splitBi(c ? c.label : k);
    // a list's rows take the whole width, under their label
    const wide = c && c.type === 'dynamiclist' ? 'wide' : null;
    return [h('dt', { class: wide }, fa, e ? en(e) : null), h('dd', { 'data-key': k, class: wide }, valueNode(c, values[k], docs))];
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
    if (rendered.busy()) {
      put(formErr, alertBox('warn', 'بارگذاری فایل‌ها هنوز تمام نشده است؛ کمی صبر کنید و دوباره ثبت کنید.', 'Files are still uploading; wait a moment and submit again.'));
      return;
    }
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
      if (orphans.length === Object.keys(r.data.errors).length) formErr.scrollIntoView({ block: 'center' });
      return;
    }
    put(formErr, alertBox('err', ...httpProblem(r)));
    formErr.scrollIntoView({ block: 'center' });
  });
}

// ---------------------------------------------------------------- my tasks
function assignedTo(t) {
  if (t.assignee) return h('span', {}, 'شخص شما', en('You'));
  const groups = (t.candidateGroups || []).map(groupName);
  return bi(groups.map(([fa]) => fa).join('، ') || '—', groups.map(([, e]) => e || '').filter(Boolean).join(', '));
}
const isOverdue = (t) => !!(t.dueDate && t.status === 'open' && new Date(t.dueDate).getTime() < Date.now());
/** A task's due date (Jalali, Gregorian under it), marked when it has passed. */
function dueCell(t) {
  if (!t.dueDate) return h('span', { class: 'muted', 'data-testid': 'task-due' }, '—');
  const overdue = isOverdue(t);
  return h('div', { class: `due${overdue ? ' overdue' : ''}`, 'data-testid': 'task-due', 'data-overdue': String(overdue) }, dateCell(t.dueDate),
    overdue ? badge({ overdue: ['گذشته از مهلت', 'Overdue', 'warn'] }, 'overdue', 'task-overdue') : null);
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
    const sig = JSON.stringify(tasks.map((t) => [t.id, isOverdue(t)]));
    if (!force && sig === state.lastTasks) return;
    state.lastTasks = sig;
    if (!tasks.length) {
      put(tbodyHolder, h('div', { class: 'empty', 'data-testid': 'tasks-empty' }, '✓ کار بازی در کارتابل شما نیست.', en('No open tasks. The list refreshes by itself.')));
      return;
    }
    put(tbodyHolder, h('div', { class: 'table-wrap' }, h('table', { class: 'data tasks', 'data-testid': 'tasks-table' },
      h('caption', { class: 'sr-only' }, 'کارهای باز من / My open tasks'),
      h('thead', {}, h('tr', {}, ['کار|Task', 'کد رهگیری|Tracking No.', 'فرایند|Process', 'ارجاع به|Assigned to', 'تاریخ ارجاع|Opened', 'مهلت|Due', 'اقدام|Action'].map((s) => { const [fa, e] = s.split('|'); return h('th', { scope: 'col' }, fa, en(e)); }))),
      h('tbody', {}, tasks.map((t) => {
        const tn = t.application ? t.application.trackingNumber : t.id.split(':')[0];
        const href = `#/task/${encodeURIComponent(t.id)}`;
        return h('tr', { 'data-testid': 'task-row', 'data-task-id': t.id, 'data-tracking': tn, 'data-element': t.elementId, class: isOverdue(t) ? 'overdue' : null },
          h('td', { class: 'col-task' }, h('a', { href }, biText(t.name || t.elementId))),
          h('td', {}, num(tn)),
          h('td', { class: 'col-process' }, biText(names.get(t.application && t.application.processKey) || (t.application && t.application.processKey) || '')),
          h('td', {}, assignedTo(t)),
          h('td', {}, dateCell(t.createdAt)),
          h('td', {}, dueCell(t)),
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
/**
 * A task: what was applied for (the submitted data and the application's documents, from the task
 * itself, so that an outside lab or audit body that may not open the application still sees it)
 * beside the task's form. Staff and the applicant also get the application's record (earlier steps).
 */
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
  // an outside organisation working on the task may not read the application itself (404): the task carries what it needs
  const app = appRes.ok ? appRes.data : null;
  const processKey = task.application ? task.application.processKey : (app && app.processKey);
  const submittedData = task.application && task.application.submittedData ? task.application.submittedData : (app ? app.submittedData : null);
  const documents = task.documents || (app && app.documents) || [];
  const docs = new Map(documents.map((d) => [d.id, d]));
  const form0 = await startForm(processKey, app ? app.processVersion : undefined);
  const pname = await processName(processKey);
  if (gen !== state.gen) return;

  const [tFa, tEn] = splitBi(task.name || task.elementId);
  const formErr = h('div', { 'data-testid': 'task-form-error', 'aria-live': 'assertive' });
  const closed = task.status !== 'open';
  const rendered = renderForm(task.form || { components: [] }, task.prefill || {}, 'task', { documents });
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
  const labels = fieldLabels(form0, task.form, ...(app ? (app.tasks || []).map((t) => t.form) : []));
  const overdue = isOverdue(task);
  mount(gen,
    h('nav', { class: 'breadcrumb', 'aria-label': 'مسیر / Breadcrumb' }, h('a', { href: '#/tasks' }, 'کارتابل من'), ' ‹ ', h('span', {}, tFa)),
    pageTitle(tFa, tEn || task.elementId, app ? h('a', { href: `#/application/${encodeURIComponent(tn)}`, class: 'btn secondary small' }, 'پرونده کامل', h('span', { class: 'en', lang: 'en' }, 'Full record')) : null),
    closed ? alertBox('warn', 'این کار پیش‌تر انجام شده است.', 'This task is already completed.') : null,
    overdue ? alertBox('warn', 'مهلت انجام این کار گذشته است.', 'This task is past its due date.', 'task-overdue-alert') : null,
    h('div', { class: 'split' },
      h('section', { class: 'card', 'aria-labelledby': 'app-data-title' },
        h('header', {}, h('h3', { id: 'app-data-title' }, bi('اطلاعات درخواست', 'Application data')), num(tn)),
        h('div', { class: 'body' },
          h('dl', { class: 'kv' },
            h('dt', {}, 'فرایند', en('Process')), h('dd', {}, biText(pname)),
            app ? [h('dt', {}, 'متقاضی', en('Applicant')), h('dd', {}, app.organisation ? [app.organisation.nameFa, app.organisation.nationalId ? [' — ', num(app.organisation.nationalId)] : null] : '—'),
              h('dt', {}, 'تاریخ ثبت', en('Submitted')), h('dd', {}, dateCell(app.createdAt))] : null,
            h('dt', {}, 'تاریخ ارجاع کار', en('Task opened')), h('dd', {}, dateCell(task.createdAt)),
            task.dueDate ? [h('dt', {}, 'مهلت انجام', en('Due')), h('dd', {}, dueCell(task))] : null),
          h('h4', { class: 'sub' }, bi('اطلاعات ارسالی متقاضی', 'Submitted by the applicant', false)),
          submittedData ? valuesList(form0, submittedData, 'submitted-data', docs) : alertBox('warn', 'اطلاعات پرونده در دسترس نیست.', 'The application record is not available.'),
          h('h4', { class: 'sub' }, bi('مدارک پرونده', 'Documents', false)),
          h('div', { 'data-testid': 'task-documents' }, documentsList(documents, labels)),
          earlier.length ? [h('h4', { class: 'sub' }, bi('نتایج مراحل پیشین', 'Earlier steps', false)),
            earlier.map((t) => { const [sFa, sEn] = splitBi(t.name || t.elementId); return h('div', { class: 'step', 'data-testid': 'earlier-step' },
              h('p', { class: 'step-head' }, sFa, sEn ? en(sEn) : null),
              h('p', { class: 'step-meta' }, 'انجام‌دهنده: ', h('span', { class: 'ltr', lang: 'en' }, t.completedBy || '—'), ' · ', dateCell(t.completedAt)),
              valuesList(t.form, t.output, undefined, docs)); })] : null)),
      h('section', { class: 'card', 'aria-labelledby': 'task-form-title' },
        h('header', {}, h('h3', { id: 'task-form-title' }, bi('فرم اقدام', 'Task form')), task.dueDate ? h('span', { class: 'muted note' }, 'مهلت: ', dueCell(task)) : null),
        h('div', { class: 'body' }, form))));
}

// ---------------------------------------------------------------- new application
/** Working days of a published decision time (`P20D` → 20), or null. */
function workingDays(within) {
  const m = /^P(\d+)D$/.exec(String(within || ''));
  return m ? Number(m[1]) : null;
}
/** Before a start form: the published decision time and, folded, what a rejection may cite. */
function applyTerms(info) {
  const days = info.decisionTime ? workingDays(info.decisionTime.within) : null;
  const conditions = info.rejectionConditions || [];
  return [
    days ? alertBox('info', `رسیدگی ظرف ${faNum(days)} روز کاری از ثبت درخواست؛ زمانی که پرونده برای اصلاح نزد متقاضی است به حساب نمی‌آید.`,
      `Decision within ${days} working days of submission; time the application spends with the applicant for fixes does not count.`, 'decision-time') : null,
    conditions.length ? h('details', { class: 'conditions', 'data-testid': 'rejection-conditions' },
      h('summary', {}, 'آنچه بررسی می‌شود: شرایط رد درخواست', en(`What is checked: the conditions for a rejection (${conditions.length})`)),
      h('ul', {}, conditions.map((rc) => h('li', { 'data-code': rc.code }, rc.fa, rc.en ? en(rc.en) : null)))) : null,
  ];
}

async function viewNew(gen) {
  // processes the regulator starts (ito:startedBy) are not applications
  const defs = (await definitions()).filter((d) => d.startedBy !== 'regulator');
  if (gen !== state.gen) return;
  const formHolder = h('div', {});
  const result = h('div', { 'aria-live': 'polite' });
  const select = h('select', { id: 'process-select', 'data-testid': 'process-select', 'aria-describedby': 'process-hint' },
    h('option', { value: '' }, '— انتخاب فرایند / Choose a process —'),
    defs.map((d) => h('option', { value: d.key, 'data-version': d.version }, `${d.name || d.key}`)));
  let shown = 0;
  async function showForm() {
    const mine = ++shown;
    put(formHolder);
    put(result);
    const def = defs.find((d) => d.key === select.value);
    if (!def) return;
    formHolder.append(loading());
    // the version in force, with today's register lists (qualified labs, audit bodies)
    const info = await startInfo(def.key);
    if (gen !== state.gen || mine !== shown) return;
    if (!info || !info.form) { put(formHolder, alertBox('err', 'فرم شروع این فرایند در دسترس نیست.', 'This process has no start form.')); return; }
    const rendered = renderForm(info.form, {}, 'apply');
    const formErr = h('div', { 'data-testid': 'apply-error', 'aria-live': 'assertive' });
    const submit = h('button', { type: 'submit', class: 'btn', 'data-testid': 'submit-application' }, 'ثبت درخواست', h('span', { class: 'en', lang: 'en' }, 'Submit application'));
    const form = h('form', { novalidate: true, 'data-testid': 'start-form', 'aria-label': 'فرم درخواست / Application form' }, formErr, rendered.el,
      h('div', { class: 'actions' }, submit, h('span', { class: 'muted note' }, h('span', { class: 'req' }, '*'), ' تکمیل بخش‌های ستاره‌دار الزامی است', en(' Fields marked * are required'))));
    onFormSubmit(form, {
      gen, rendered, submit, formErr,
      send: (data) => api('POST', '/api/applications', { processKey: info.key, version: info.version, data }),
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
      h('header', {}, h('h3', {}, biText(info.name || def.name || def.key)), h('span', { class: 'badge grey' }, 'نسخه ', h('span', { class: 'ltr' }, info.versionTag || String(info.version)), h('span', { class: 'en', lang: 'en' }, 'version'))),
      h('div', { class: 'body' }, applyTerms(info), form)));
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
function downloadPdf(number, button) {
  return downloadFile(`/api/certificates/${encodeURIComponent(number)}/pdf`, `${number}.pdf`, button, button.parentElement.querySelector('.dl-status'), 'pdf-link');
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

/** The date a decision is expected by (Jalali, Gregorian beside it), the published time, a paused clock, and overdue. */
function expectedDecision(dt) {
  const days = workingDays(dt.within);
  return h('div', { class: 'expected', 'data-testid': 'expected-decision', 'data-overdue': String(!!dt.overdue) },
    h('div', { class: 'expected-date' }, dateCell(dt.expectedAt, 'long'),
      dt.overdue ? badge({ overdue: ['تأخیر در اعلام نتیجه', 'Overdue', 'warn'] }, 'overdue', 'decision-overdue') : null),
    days ? h('p', { class: 'hint' }, `رسیدگی ظرف ${faNum(days)} روز کاری از ثبت درخواست`, en(`Decision within ${days} working days of submission`)) : null,
    dt.pausedWorkingDays ? h('p', { class: 'hint', 'data-testid': 'clock-paused' },
      `مهلت رسیدگی ${faNum(dt.pausedWorkingDays)} روز کاری متوقف بود (پرونده برای اصلاح نزد متقاضی بود).`,
      en(`The clock was paused for ${dt.pausedWorkingDays} working day${dt.pausedWorkingDays === 1 ? '' : 's'} while the application was with the applicant for fixes.`)) : null);
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
  const mine = open.find((t) => (t.assignee ? t.assignee === me : (t.candidateUsers || '').split(',').includes(me) || (t.candidateGroups || '').split(',').some((g) => myGroups.includes(g))));
  const documents = app.documents || [];
  const docs = new Map(documents.map((d) => [d.id, d]));
  const labels = fieldLabels(form0, ...(app.tasks || []).map((t) => t.form));
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
            app.decisionTime ? [h('dt', {}, 'موعد اعلام نتیجه', en('Decision expected by')), h('dd', {}, expectedDecision(app.decisionTime))] : null,
            h('dt', {}, 'تاریخ پایان', en('Completed')), h('dd', {}, dateCell(app.completedAt)),
            h('dt', {}, 'گواهی', en('Certificate')), h('dd', {}, certificateCell(app.certificates))),
            open.length ? h('div', { class: 'waiting' }, open.map((t) => {
              const [wFa, wEn] = splitBi(t.name || t.elementId);
              return alertBox('info', `در انتظار: ${wFa}`, `Waiting for: ${wEn || t.elementId}`);
            }), mine ? h('a', { class: 'btn', href: `#/task/${encodeURIComponent(mine.id)}`, 'data-testid': 'work-on-task' }, 'انجام کار', h('span', { class: 'en', lang: 'en' }, 'Work on it')) : null) : null)),
        h('section', { class: 'card' },
          h('header', {}, h('h3', {}, bi('اطلاعات ارسالی', 'Submitted data'))),
          h('div', { class: 'body' }, valuesList(form0, app.submittedData, 'submitted-data', docs))),
        h('section', { class: 'card', 'data-testid': 'documents-card' },
          h('header', {}, h('h3', {}, bi('مدارک پرونده', 'Documents')), documents.length ? h('span', { class: 'muted note' }, `${faNum(documents.length)} فایل`, en(` ${documents.length} file${documents.length === 1 ? '' : 's'}`)) : null),
          h('div', { class: 'body' }, documentsList(documents, labels))),
        statusChangeCard(app.certificates)),
      h('section', { class: 'card' },
        h('header', {}, h('h3', {}, bi('سوابق رسیدگی', 'History'))),
        h('div', { class: 'body' }, h('ol', { class: 'timeline', 'data-testid': 'history' }, (app.history || []).map((e) => {
          const [fa, english] = pair(ACTIONS, e.action);
          const d = e.details || {};
          const detail = d.name ? biText(d.name, false) : e.action === 'certificate.issued' ? num(e.entityId) : d.outcome ? badge(OUTCOME, d.outcome)
            : e.action === 'document.attached' && d.filename ? h('span', { dir: 'auto' }, d.filename)
              : d.reason ? h('span', { dir: 'auto' }, d.reason) : null;
          const [roleFa] = ROLES[e.actorRole] || (e.actorRole ? groupName(e.actorRole) : ['']);
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
