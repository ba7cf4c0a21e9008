/**
 * The public verify page (verify.html; /verify/<number> is the certificate QR code's address):
 * look a certificate up by its number, or upload its PDF to check the signature, the chain of trust
 * and the match with the issued record. Shared helpers are in common.js.
 */
import { $, CERT_STATUS, NETWORK_PROBLEM, dateCell, en, h, num, request, serverMessage, showFieldError } from './common.js';

/** The seal of each status: its mark and what it means for the reader. */
const SEALS = {
  valid: { mark: '✓', noteFa: 'این گواهی توسط سازمان صادر شده و در حال حاضر معتبر است.', noteEn: 'This certificate was issued by the Organization and is currently valid.' },
  expired: { mark: '⌛', noteFa: 'این گواهی صادر شده بود، اما مهلت اعتبار آن به پایان رسیده است.', noteEn: 'This certificate was issued, but its validity period has ended.' },
  suspended: { mark: '‖', noteFa: 'اعتبار این گواهی به‌طور موقت تعلیق شده است و در این مدت قابل استناد نیست.', noteEn: 'This certificate is suspended and cannot be relied on for now.' },
  revoked: { mark: '✕', noteFa: 'این گواهی توسط سازمان ابطال شده و فاقد اعتبار است.', noteEn: 'This certificate has been revoked by the Organization and is not valid.' },
  superseded: { mark: '↻', noteFa: 'این گواهی تمدید شده است؛ گواهی جدید جایگزین آن است.', noteEn: 'This certificate was renewed; the new certificate replaces it.' },
};

/** A failed answer the form has no words of its own for: the network, or "not possible now". */
function problemOf(res, fa, english) {
  return res.status === 0 ? NETWORK_PROBLEM : [fa, english];
}

// ------------------------------------------------------------ lookup by number
const numberInput = $('#number');
const numberError = $('#number-error');
const record = $('#record');
const lookupBtn = $('#lookup-submit');

function kv(fa, english, ...value) { return [h('dt', {}, fa, en(english)), h('dd', {}, ...value)]; }

const ACTIONS = { issue: ['صدور', 'Issued'], suspend: ['تعلیق', 'Suspended'], reinstate: ['رفع تعلیق', 'Reinstated'], revoke: ['ابطال', 'Revoked'], supersede: ['جایگزینی با تمدید', 'Superseded by a renewal'] };
const ROLES = { system: ['سامانه', 'system'], admin: ['مدیر سامانه', 'administrator'], 'formal-reviewers': ['کارشناسان بررسی مدارک', 'formal reviewers'], 'technical-reviewers': ['کارشناسان ارزیابی فنی', 'technical reviewers'], applicant: ['متقاضی', 'applicant'], staff: ['کارکنان سازمان', 'staff'] };
const roleText = (roles) => {
  const parts = String(roles).split(',').map((r) => r.trim()).filter(Boolean).map((r) => ROLES[r] || [r, r]);
  return [h('span', {}, parts.map((p) => p[0]).join('، ')), en(parts.map((p) => p[1]).join(', '))];
};

/** Status changes since issue, and the decisions that led to the certificate (roles, not people). */
function renderHistory(c) {
  const parts = [];
  if (Array.isArray(c.history) && c.history.length) {
    parts.push(h('section', { class: 'history', 'data-testid': 'verify-history' },
      h('h3', {}, 'تاریخچه وضعیت', en('Status history')),
      h('ol', {}, c.history.map((e) => {
        const [fa, english] = ACTIONS[e.action] || [e.action, e.action];
        return h('li', { 'data-action': e.action }, dateCell(e.at, 'long'), ' — ', h('strong', {}, fa), en(english), ' — ', ...roleText(e.decidedBy),
          e.reason ? h('p', { class: 'reason', dir: 'auto' }, e.reason) : null);
      }))));
  }
  if (c.process && Array.isArray(c.process.decisions)) {
    parts.push(h('section', { class: 'history', 'data-testid': 'verify-process' },
      h('h3', {}, 'روند صدور', en('How it was issued')),
      h('p', { class: 'muted' }, 'فرایند ', num(c.process.key), ' نسخه ', num(String(c.process.version)), en(`Process ${c.process.key}, version ${c.process.version}`)),
      h('ol', {}, h('li', {}, dateCell(c.process.submittedAt, 'long'), ' — ', h('strong', {}, 'ثبت درخواست'), en('Application submitted')),
        c.process.decisions.map((d) => h('li', {}, dateCell(d.at, 'long'), ' — ', h('span', { dir: 'auto' }, d.name || d.step), ' — ', ...roleText(d.role))))));
  }
  return parts;
}

/**
 * The subject's rows, read by the record's own subjectFields (labels, kinds and value labels come
 * from the family's certificate template): enum and grade values show their labels, lists one line
 * per item, versions as numbers. Keys the record does not describe are shown as they are.
 */
function subjectRows(subject, fields) {
  const known = new Map(fields.map((f) => [f.key, f]));
  const keys = [...fields.map((f) => f.key), ...Object.keys(subject).filter((k) => !known.has(k))];
  const rows = [];
  for (const key of keys) {
    const value = subject[key];
    if (value === undefined || value === null || value === '' || (Array.isArray(value) && !value.length)) continue;
    const field = known.get(key) || { key, kind: 'text', label: { fa: key, en: key } };
    const labelOf = (v) => (field.options && field.options[v]) || null;
    const words = (v) => { const l = labelOf(v); return l ? [h('span', {}, l.fa), en(l.en)] : [h('span', { dir: 'auto' }, String(v))]; };
    let shown;
    if (Array.isArray(value)) shown = [h('ul', { class: 'scope', 'data-testid': `verify-subject-${key}` }, value.map((v) => h('li', {}, ...words(v))))];
    else if (field.kind === 'version' || (field.kind === 'grade' && !labelOf(value))) shown = [num(String(value))];
    else shown = words(value);
    rows.push(kv(field.label.fa, field.label.en, ...shown));
  }
  return rows;
}

function renderRecord(c) {
  const [fa, english] = CERT_STATUS[c.status] || [c.status, c.status];
  const s = SEALS[c.status] || { mark: '?', noteFa: '', noteEn: '' };
  const rows = [];
  rows.push(kv('شماره گواهی', 'Certificate No.', num(c.number)));
  if (c.familyTitle) rows.push(kv('نوع گواهی', 'Certificate type', h('span', {}, c.familyTitle.fa), en(c.familyTitle.en)));
  if (c.issuer) rows.push(kv('صادرکننده', 'Issued by', h('span', {}, c.issuer.fa), en(c.issuer.en)));
  if (c.holder) rows.push(kv('دارنده گواهی', 'Holder', h('span', {}, c.holder.name || '—'), c.holder.nationalId ? h('span', { class: 'en' }, 'شناسه ملی / National ID: ', num(c.holder.nationalId)) : null));
  rows.push(...subjectRows(c.subject || {}, c.subjectFields || []));
  if (c.replaces) rows.push(kv('تمدید گواهی', 'Renews certificate', h('a', { href: `/verify/${encodeURIComponent(c.replaces)}`, 'data-testid': 'verify-replaces' }, num(c.replaces))));
  if (c.replacedBy) rows.push(kv('گواهی جایگزین', 'Replaced by', h('a', { href: `/verify/${encodeURIComponent(c.replacedBy)}`, 'data-testid': 'verify-replaced-by' }, num(c.replacedBy))));
  if (c.legacyNumber) rows.push(kv('شماره گواهی کاغذی پیشین', 'Former paper certificate No.', num(c.legacyNumber)));
  rows.push(kv('تاریخ صدور', 'Date of issue', dateCell(c.issuedAt, 'long')));
  rows.push(kv('تاریخ انقضا', 'Date of expiry', dateCell(c.expiresAt, 'long')));
  if (c.shortHash) rows.push(kv('چکیده اطلاعات گواهی', 'Record hash (printed on the certificate)', h('span', { class: 'hash', 'data-testid': 'verify-short-hash', title: c.recordSha256 || '' }, c.shortHash)));
  if (c.sha256) rows.push(kv('چکیده فایل (SHA-256)', 'File fingerprint', h('span', { class: 'hash', 'data-testid': 'verify-sha256' }, c.sha256)));
  return h('div', { class: 'record', 'data-testid': 'verify-record' },
    h('div', { class: `status ${c.status}`, 'data-testid': 'verify-status', 'data-status': c.status, role: 'status' },
      h('span', { class: 'mark', 'aria-hidden': 'true' }, s.mark),
      h('div', { class: 'words' },
        h('strong', {}, `وضعیت: ${fa}`, en(`Status: ${english}`)),
        h('p', {}, s.noteFa, en(s.noteEn)))),
    h('dl', { class: 'kv' }, rows),
    ...renderHistory(c));
}

async function lookup(raw, { updateUrl = true } = {}) {
  const text = String(raw || '').trim();
  record.replaceChildren();
  if (!text) {
    showFieldError(numberError, numberInput, 'شماره گواهی را وارد کنید.', 'Enter a certificate number.');
    numberInput.focus();
    return;
  }
  showFieldError(numberError, numberInput, null);
  lookupBtn.disabled = true;
  record.replaceChildren(h('p', { class: 'hint' }, h('span', { class: 'spinner', 'aria-hidden': 'true' }), ' در حال استعلام… ', en('Checking…')));
  const res = await request(`/api/public/certificates/${encodeURIComponent(text)}`, { headers: { accept: 'application/json' } });
  lookupBtn.disabled = false;
  record.replaceChildren();
  if (res.ok && res.data) {
    numberInput.value = res.data.number;
    if (updateUrl) history.replaceState(null, '', `/verify/${encodeURIComponent(res.data.number)}`);
    document.title = `${res.data.number} — استعلام اصالت گواهی | Certificate verification — ITO`;
    record.append(renderRecord(res.data));
    return;
  }
  if (res.status === 400) {
    const check = /check character does not match/i.test(serverMessage(res));
    showFieldError(numberError, numberInput,
      check ? 'شماره واردشده معتبر نیست: نویسه کنترلی (آخرین نویسه) با بقیه شماره نمی‌خواند. شماره را دوباره با گواهی مقایسه کنید.'
            : 'قالب شماره گواهی درست نیست. شماره باید مانند TA-1404-000123-7 باشد.',
      serverMessage(res) || 'The certificate number is not valid.');
  } else if (res.status === 404) {
    showFieldError(numberError, numberInput, 'گواهی‌ای با این شماره در سامانه ثبت نشده است. ممکن است شماره اشتباه وارد شده یا گواهی جعلی باشد.', 'No certificate with this number is on record. The number may be mistyped, or the certificate may not be genuine.');
  } else {
    showFieldError(numberError, numberInput, ...problemOf(res, 'استعلام در حال حاضر ممکن نیست. لطفاً کمی بعد دوباره تلاش کنید.', `The check is not possible right now (${res.status}). Please try again later.`));
  }
  numberInput.focus();
}

$('#lookup-form').addEventListener('submit', (ev) => { ev.preventDefault(); lookup(numberInput.value); });
numberInput.addEventListener('input', () => showFieldError(numberError, numberInput, null));

// ------------------------------------------------------------ upload a PDF
const fileInput = $('#file');
const fileError = $('#file-error');
const verdictBox = $('#verdict');
const uploadBtn = $('#upload-submit');
const CHECKS = [
  ['signatureValid', 'check-signature', 'امضای دیجیتال فایل سالم و معتبر است', 'The digital signature is intact and valid'],
  ['chainTrusted', 'check-chain', 'امضا به گواهی ریشه سازمان منتهی می‌شود', 'The signature chains to the Organization\u2019s root certificate'],
  ['hashMatchesRecord', 'check-hash', 'فایل با نسخه ثبت‌شده در سامانه یکسان است', 'The file is identical to the issued record'],
];

function renderVerdict(v) {
  const good = v.signatureValid && v.chainTrusted && v.hashMatchesRecord && v.status === 'valid';
  const authentic = v.signatureValid && v.chainTrusted && v.hashMatchesRecord;
  const tone = good ? 'good' : authentic ? 'warn' : 'bad';
  return h('div', { class: `verdict ${tone}`, 'data-testid': 'verify-verdict', 'data-verdict': tone, role: 'status' },
    h('p', { class: 'fa', 'data-testid': 'verdict-fa' }, good ? '✓ ' : authentic ? '! ' : '✕ ', v.verdict ? v.verdict.fa : ''),
    h('span', { class: 'en', lang: 'en', dir: 'ltr', 'data-testid': 'verdict-en' }, v.verdict ? v.verdict.en : ''),
    h('ul', { class: 'checks' }, CHECKS.map(([key, testid, fa, english]) => h('li', { class: v[key] ? 'yes' : 'no', 'data-testid': testid, 'data-ok': String(!!v[key]) },
      h('span', { class: 'tick', 'aria-hidden': 'true' }, v[key] ? '✓' : '✗'),
      h('span', {}, h('span', { class: 'sr-only' }, v[key] ? 'بله: ' : 'خیر: '), fa, en(english))))),
    v.number ? h('p', { class: 'in-file' }, 'شماره گواهی درج‌شده در فایل: ', h('a', { href: `/verify/${encodeURIComponent(v.number)}`, 'data-testid': 'verdict-number' }, num(v.number)), en(`Certificate number in the file: ${v.number}`)) : null);
}

$('#upload-form').addEventListener('submit', async (ev) => {
  ev.preventDefault();
  verdictBox.replaceChildren();
  const file = fileInput.files && fileInput.files[0];
  if (!file) { showFieldError(fileError, fileInput, 'فایل PDF گواهی را انتخاب کنید.', 'Choose the certificate PDF file.'); fileInput.focus(); return; }
  if (file.size > 10 * 1024 * 1024) { showFieldError(fileError, fileInput, 'حجم فایل بیش از ۱۰ مگابایت است.', 'The file is larger than 10 MB.'); return; }
  showFieldError(fileError, fileInput, null);
  const body = new FormData();
  body.append('file', file, file.name);
  uploadBtn.disabled = true;
  verdictBox.replaceChildren(h('p', { class: 'hint' }, h('span', { class: 'spinner', 'aria-hidden': 'true' }), ' در حال بررسی فایل… ', en('Verifying the file…')));
  const res = await request('/api/public/verify', { method: 'POST', body, headers: { accept: 'application/json' } });
  uploadBtn.disabled = false;
  verdictBox.replaceChildren();
  if (res.ok && res.data) { verdictBox.append(renderVerdict(res.data)); return; }
  if (res.status === 415) showFieldError(fileError, fileInput, 'فایل انتخاب‌شده PDF نیست. فایل اصلی گواهی را که از سامانه دریافت کرده‌اید بارگذاری کنید.', 'The chosen file is not a PDF. Upload the certificate file you received from the portal.');
  else if (res.status === 413) showFieldError(fileError, fileInput, 'حجم فایل بیش از ۱۰ مگابایت است.', 'The file is larger than 10 MB.');
  else if (res.status === 400) showFieldError(fileError, fileInput, 'فایل پذیرفته نشد؛ ممکن است خالی یا ناقص باشد.', serverMessage(res) || 'The file was not accepted.');
  else showFieldError(fileError, fileInput, ...problemOf(res, 'بررسی فایل در حال حاضر ممکن نیست. لطفاً کمی بعد دوباره تلاش کنید.', `The file cannot be checked right now (${res.status}).`));
});
fileInput.addEventListener('change', () => { showFieldError(fileError, fileInput, null); verdictBox.replaceChildren(); });

// ------------------------------------------------------------ /verify/<number> (the QR code's address)
const m = location.pathname.match(/^\/verify\/(.+)$/);
let fromPath = '';
if (m) { try { fromPath = decodeURIComponent(m[1]); } catch { fromPath = m[1]; } }
const fromQuery = new URLSearchParams(location.search).get('number') || '';
const initial = fromPath || fromQuery;
if (initial) { numberInput.value = initial; lookup(initial, { updateUrl: !!fromPath }); }
