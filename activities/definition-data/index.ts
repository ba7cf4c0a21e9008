/**
 * Data in definitions/ besides BPMN, DMN and certificate templates: rejection conditions, register
 * lists and candidate groups. Administrators change these files; nothing here is TypeScript policy.
 */
import { rejectionConditionOptionLists } from './rejection-conditions';
import { loadRegisterLists } from './registers';
import { SERVICE_TASK_TYPES } from '../service-tasks/catalogue';
import { fallbackTaskGroup } from './candidate-groups';

export * from './rejection-conditions';
export * from './registers';
export * from './candidate-groups';
export * from './services';
export * from './service-card';
export * from './undertaking';
export { bilingualLabel, type Bilingual } from './read-json';

/**
 * What compiling a process needs from these files (compileBpmn's optionLists and registerLists),
 * and the service-task types the worker runs, with the headers each needs.
 */
export function definitionDataCompileOptions(dir?: string) {
  return {
    optionLists: rejectionConditionOptionLists(dir),
    registerLists: Object.keys(loadRegisterLists(dir)),
    serviceTaskTypes: SERVICE_TASK_TYPES.map((t) => ({ type: t.type, requiredHeaders: t.headers.filter((h) => h.required).map((h) => h.key) })),
    fallbackTaskGroup: fallbackTaskGroup(dir),
  };
}
