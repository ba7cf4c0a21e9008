/**
 * The editor's list of service-task types is the list of handlers the worker runs: a handler added
 * without its description (or a description left behind by a removed handler) fails here.
 */
import { serviceTaskHandlers, type ActivityDeps } from '..';
import { SERVICE_TASK_TYPES } from './catalogue';

describe('the service-task type catalogue', () => {
  it('describes exactly the handlers the worker registers', () => {
    const handlers = serviceTaskHandlers({ db: {}, pki: {}, publicBaseUrl: 'http://localhost' } as unknown as ActivityDeps);
    expect(SERVICE_TASK_TYPES.map((t) => t.type).sort()).toEqual(Object.keys(handlers).sort());
  });

  it('names every type once, in both languages, with its headers described', () => {
    expect(new Set(SERVICE_TASK_TYPES.map((t) => t.type)).size).toBe(SERVICE_TASK_TYPES.length);
    for (const t of SERVICE_TASK_TYPES) {
      for (const text of [t.name, t.description, ...t.headers.map((h) => h.description)]) {
        expect(text.fa.trim()).not.toBe('');
        expect(text.en.trim()).not.toBe('');
      }
    }
  });
});
