/**
 * Data in definitions/ besides BPMN, DMN and certificate templates: rejection conditions, register
 * lists and candidate groups. Administrators change these files; nothing here is TypeScript policy.
 */
import { rejectionConditionOptionLists } from './rejection-conditions';
import { loadRegisterLists } from './registers';

export * from './rejection-conditions';
export * from './registers';
export * from './candidate-groups';
export * from './services';
export * from './service-card';
export { bilingualLabel, type Bilingual } from './read-json';

/** What compiling a process needs from these files (compileBpmn's optionLists and registerLists). */
export function definitionDataCompileOptions(dir?: string) {
  return { optionLists: rejectionConditionOptionLists(dir), registerLists: Object.keys(loadRegisterLists(dir)) };
}
