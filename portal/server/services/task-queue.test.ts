/**
 * The queue's filters and orders (GET /api/tasks reads them): what a reviewer's search, due-date
 * filters and column sorts return, decided on plain rows.
 */
import { filterTasks, queueNeedsApplication, sortTasks, taskQuerySchema, trackingNumberOf, type QueueTask, type TaskQuery } from './task-queue';

const NOW = new Date('2026-03-01T08:00:00Z');
const HOUR = 3_600_000;

type Organisation = NonNullable<QueueTask['application']>['organisation'];

function task(tracking: string, organisation: Organisation, extra: Partial<QueueTask> = {}): QueueTask {
  return {
    id: tracking,
    assignee: null,
    candidateGroups: 'formal-reviewers',
    dueDate: null,
    createdAt: new Date(NOW.getTime() - 10 * HOUR),
    priority: 50,
    application: { trackingNumber: tracking, organisation },
    ...extra,
  };
}

const PARS = { nameFa: 'شرکت نرم‌افزاری نمونه پارس', nameEn: 'Pars Sample Software Co.' };
const ARYA = { nameFa: 'شرکت فناوران داده آریا', nameEn: 'Arya Data Technologies Co.' };
// Persian dictionary order: ب, پ, ت, …, ی (by code points پ, U+067E, would come after ت, U+062A)
const BEHIN = { nameFa: 'بهین رایانه', nameEn: null };
const POUYA = { nameFa: 'پویا سامانه', nameEn: null };
const TOOS = { nameFa: 'توس داده', nameEn: null };
const YAS = { nameFa: 'یاس داده', nameEn: null };

const ids = (rows: { id: string }[]) => rows.map((r) => r.id);

describe('the reviewer queue sorted by company', () => {
  const rows = [task('TA-1', YAS), task('TA-2', null), task('TA-6', TOOS), task('TA-3', BEHIN), task('TA-4', POUYA)];

  it('orders by the Persian name in dictionary order, tasks without a company last', () => {
    expect(ids(sortTasks(rows, { sort: 'company', order: 'ASC' }))).toEqual(['TA-3', 'TA-4', 'TA-6', 'TA-1', 'TA-2']);
  });

  it('reverses for DESC and still keeps tasks without a company last', () => {
    expect(ids(sortTasks(rows, { sort: 'company', order: 'DESC' }))).toEqual(['TA-1', 'TA-6', 'TA-4', 'TA-3', 'TA-2']);
  });

  it('treats the Arabic and the Persian yeh as one letter, ties going by creation time', () => {
    const older = task('TA-5', { nameFa: 'ياس داده', nameEn: null }, { createdAt: new Date(NOW.getTime() - 20 * HOUR) });
    expect(ids(sortTasks([task('TA-1', YAS), older], { sort: 'company', order: 'DESC' }))).toEqual(['TA-5', 'TA-1']);
  });

  it('is a sort the route accepts', () => {
    expect(taskQuerySchema.properties.sort.enum).toContain('company');
  });
});

describe('the reviewer queue filters', () => {
  const overdue = task('TA-OVER', PARS, { dueDate: new Date(NOW.getTime() - HOUR) });
  const soon = task('TA-SOON', ARYA, { dueDate: new Date(NOW.getTime() + 47 * HOUR) });
  const later = task('TA-LATER', ARYA, { dueDate: new Date(NOW.getTime() + 49 * HOUR) });
  const undated = task('TA-NONE', PARS);
  const all = [overdue, soon, later, undated];
  const filtered = (query: TaskQuery) => ids(filterTasks(all, query, 'reviewer1', NOW));

  it('finds a task by its company, in Persian or in English, whatever the case', () => {
    expect(filtered({ q: 'فناوران داده' })).toEqual(['TA-SOON', 'TA-LATER']);
    expect(filtered({ q: 'pars sample' })).toEqual(['TA-OVER', 'TA-NONE']);
  });

  it('says overdue only of tasks past their due date, and soon only of those due within two days', () => {
    expect(filtered({ due: 'overdue' })).toEqual(['TA-OVER']);
    expect(filtered({ due: 'soon' })).toEqual(['TA-SOON']);
  });
});

describe('the reviewer queue sorted by tracking number and due date', () => {
  const a = task('TA-A', PARS, { dueDate: new Date(NOW.getTime() + HOUR) });
  const b = task('TA-B', ARYA, { dueDate: new Date(NOW.getTime() - HOUR) });
  const c = task('TA-C', ARYA);

  it('flips between ASC and DESC', () => {
    expect(ids(sortTasks([b, a], { sort: 'trackingNumber', order: 'ASC' }))).toEqual(['TA-A', 'TA-B']);
    expect(ids(sortTasks([a, b], { sort: 'trackingNumber', order: 'DESC' }))).toEqual(['TA-B', 'TA-A']);
    expect(ids(sortTasks([a, b, c], { sort: 'dueDate', order: 'ASC' }))).toEqual(['TA-B', 'TA-A', 'TA-C']);
    expect(ids(sortTasks([a, b, c], { sort: 'dueDate', order: 'DESC' }))).toEqual(['TA-A', 'TA-B', 'TA-C']);
  });
});

describe('the reviewer queue chosen on light rows (no application read)', () => {
  const light = (id: string, extra: Partial<QueueTask> = {}): QueueTask => ({ ...task(id, null, extra), application: undefined });

  it('takes the tracking number from the task id, a called process\'s task too', () => {
    expect(trackingNumberOf(light('TA-20260301-ABCDEF:review:1'))).toBe('TA-20260301-ABCDEF');
    expect(trackingNumberOf(light('TA-20260301-ABCDEF.lab-call-2:test:1'))).toBe('TA-20260301-ABCDEF');
  });

  it('sorts and searches by tracking number without the application', () => {
    const rows = [light('TA-20260301-BBBBBB:review:1'), light('TA-20260301-AAAAAA.lab-1:test:1')];
    expect(ids(sortTasks(rows, { sort: 'trackingNumber' }))).toEqual(['TA-20260301-AAAAAA.lab-1:test:1', 'TA-20260301-BBBBBB:review:1']);
    expect(ids(filterTasks(rows, { q: 'bbbbbb' }, 'reviewer1', NOW))).toEqual(['TA-20260301-BBBBBB:review:1']);
  });

  it('reads the application only for a search or the company sort', () => {
    expect([{}, { sort: 'dueDate' }, { processKey: 'x', due: 'soon' }].map((q) => queueNeedsApplication(q as TaskQuery))).toEqual([false, false, false]);
    expect([{ q: 'pars' }, { sort: 'company' }].map((q) => queueNeedsApplication(q as TaskQuery))).toEqual([true, true]);
  });
});
