/**
 * The process editor page (/modeler#/<key>[/<version>]): opens a deployed version, a file or a new
 * diagram; checks the model with the server while you edit (the list deploy judges by, with markers
 * on the canvas); deploys it as a new version; downloads the XML. Administrators only.
 */
import { api, currentUser, loadDefinition } from './api';
import { createEditor, newDiagram } from './editor';

const $ = (id) => document.getElementById(id);
const CHECK_DELAY_MS = 600;

let editor;
let checkTimer = 0;
let checkSeq = 0;
/** The key shown in the title: the loaded or last deployed process. */
let currentKey = '';

function status(tone, fa, en) {
  const el = $('status');
  el.className = `status ${tone}`;
  el.replaceChildren(fa, ' ', Object.assign(document.createElement('span'), { className: 'en', lang: 'en', textContent: en }));
}

function setTitle(key, version) {
  currentKey = key;
  $('diagram-title').textContent = key ? `${key}${version ? ` — v${version}` : ''}` : 'فرایند جدید · New process';
}

function renderProblems(problems) {
  const elsewhere = new Set(editor.get('problemMarkers').show(problems));
  const errors = problems.filter((p) => p.severity === 'error').length;
  const fa = (n) => n.toLocaleString('fa-IR');
  const warnings = problems.length - errors;
  $('problem-count').textContent = problems.length
    ? `(${fa(errors)} خطا، ${fa(warnings)} هشدار · ${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'})`
    : '';
  $('problems').replaceChildren(...problems.map((p) => {
    const row = document.createElement('tr');
    row.className = p.severity;
    row.dataset.testid = 'problem-row';
    if (!elsewhere.has(p)) row.dataset.elementId = p.elementId;
    for (const [cls, text] of [['severity', p.severity === 'error' ? 'خطا · error' : 'هشدار · warning'], ['element', p.elementId], ['rule', p.rule], ['message', p.message]]) {
      const cell = document.createElement('td');
      cell.className = cls;
      cell.textContent = text;
      if (cls !== 'severity') cell.dir = 'ltr';
      row.append(cell);
    }
    row.addEventListener('click', () => reveal(p.elementId));
    return row;
  }));
  if (!problems.length) $('problems').replaceChildren(Object.assign(document.createElement('tr'), { innerHTML: '<td colspan="4">مشکلی یافت نشد. <span class="en" lang="en">No problems found.</span></td>' }));
}

function reveal(elementId) {
  const element = editor.get('elementRegistry').get(elementId);
  if (!element) return;
  editor.get('selection').select(element);
  editor.get('canvas').scrollToElement(element);
}

async function xml() {
  return (await editor.saveXML({ format: true })).xml;
}

/** Asks the server; answers that arrive after a newer check started are dropped. */
async function check() {
  clearTimeout(checkTimer);
  const seq = ++checkSeq;
  const res = await api('POST', '/api/definitions/check', { xml: await xml() });
  if (seq !== checkSeq) return null;
  if (!res.ok) {
    status('err', 'بررسی انجام نشد.', res.data?.message || `The check failed (HTTP ${res.status}).`);
    return null;
  }
  renderProblems(res.data.problems);
  if (res.data.deployable) status('ok', 'قابل استقرار است.', `Deployable: ${res.data.ids.join(', ')}.`);
  else status('err', 'قابل استقرار نیست؛ خطاها را برطرف کنید.', 'Not deployable: fix the errors listed below.');
  return res.data;
}

async function deploy() {
  clearTimeout(checkTimer);
  checkSeq++;
  const res = await api('POST', '/api/definitions', { xml: await xml() });
  if (res.status === 201) {
    const versions = res.data.versions;
    renderProblems(res.data.warnings);
    const first = versions[0];
    const text = versions.map((v) => `${v.key} v${v.version}${v.created ? '' : ' (unchanged)'}`).join(', ');
    status('ok', versions.some((v) => v.created) ? 'نسخه جدید مستقر شد.' : 'تغییری نبود؛ نسخه قبلی برقرار است.', `Deployed: ${text}.`);
    if (first) {
      setTitle(first.key, first.version);
      history.replaceState(null, '', `#/${encodeURIComponent(first.key)}`);
    }
  } else {
    if (res.data?.problems) renderProblems(res.data.problems);
    status('err', 'استقرار پذیرفته نشد.', res.data?.message || `The deploy failed (HTTP ${res.status}).`);
  }
}

async function open(source, key, version) {
  try {
    const { warnings } = await editor.importXML(source);
    editor.get('canvas').zoom('fit-viewport', 'auto');
    setTitle(key, version);
    if (warnings.length) console.warn('bpmn-js import warnings', warnings);
    await check();
  } catch (err) {
    status('err', 'فایل BPMN خوانده نشد.', `The BPMN could not be read: ${err.message}`);
  }
}

async function openFromAddress() {
  const [key, version] = location.hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent);
  if (!key) return open(newDiagram(`Process_${Math.random().toString(36).slice(2, 8)}`), '');
  if (key === currentKey && !version) return undefined;
  const res = await loadDefinition(key, version);
  if (!res.ok) return status('err', 'فرایند یافت نشد.', res.data?.message || `Could not load ${key} (HTTP ${res.status}).`);
  return open(res.data.xml, key, res.data.version);
}

function download() {
  xml().then((text) => {
    const link = document.createElement('a');
    link.href = URL.createObjectURL(new Blob([text], { type: 'application/xml' }));
    link.download = `${currentKey || 'process'}.bpmn`;
    link.click();
    URL.revokeObjectURL(link.href);
  });
}

async function start() {
  const user = currentUser();
  if (!user || !user.roles?.includes('admin')) {
    $('main').innerHTML = '<div class="wrap alert warn" data-testid="modeler-login">ویرایشگر فرایند فقط برای مدیران سامانه است؛ <a href="/">ابتدا وارد شوید</a>. <span class="en" lang="en">The process editor is for administrators: <a href="/">sign in first</a>.</span></div>';
    return;
  }
  const calendars = await api('GET', '/api/calendars');
  editor = createEditor({ container: $('canvas'), propertiesParent: $('properties'), calendars: calendars.ok ? calendars.data : ['iran'] });
  window.itoModeler = editor; // for the browser tests and the console
  editor.on('commandStack.changed', () => {
    clearTimeout(checkTimer);
    checkTimer = setTimeout(check, CHECK_DELAY_MS);
  });
  $('check').addEventListener('click', check);
  $('deploy').addEventListener('click', deploy);
  $('download').addEventListener('click', download);
  $('new-diagram').addEventListener('click', () => { location.hash = '#/'; });
  $('open-file').addEventListener('change', async (event) => {
    const file = event.target.files[0];
    if (file) await open(await file.text(), file.name.replace(/\.(bpmn|xml)$/i, ''));
    event.target.value = '';
  });
  window.addEventListener('hashchange', openFromAddress);
  await openFromAddress();
}

start();
