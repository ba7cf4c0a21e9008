/**
 * Register lists (definitions/registers.json): named lists of organisations that hold a valid
 * certificate of a family, with a scope that includes given items — the evaluation labs and audit
 * bodies an applicant may choose. A start form offers one with `valuesKey: "<name>"`; the process
 * checks the choice again when it acts on it (register.check-holder).
 */
import { Bilingual, isBilingual, isRecord, readDefinitionData } from './read-json';

export interface RegisterList {
  name: Bilingual;
  /** Certificate template key of the qualification, e.g. `evaluation-lab-licence`. */
  family: string;
  /** The certificate's list field must include every item. */
  scope?: { field: string; includes: string[] };
}

const FILE = 'registers.json';

function check(data: unknown, file: string): Record<string, RegisterList> {
  if (!isRecord(data)) throw new Error(`${file}: the top level must map list names to lists`);
  const problems: string[] = [];
  for (const [name, list] of Object.entries(data)) {
    if (!/^[A-Za-z][A-Za-z0-9_]*$/.test(name)) problems.push(`"${name}" must be a plain name (a form's valuesKey)`);
    if (!isRecord(list)) {
      problems.push(`${name} must be an object`);
      continue;
    }
    if (!isBilingual(list.name)) problems.push(`${name}.name needs fa and en`);
    if (typeof list.family !== 'string' || list.family === '') problems.push(`${name}.family must name a certificate template`);
    if (list.scope !== undefined) {
      const scope = list.scope;
      const ok = isRecord(scope) && typeof scope.field === 'string' && Array.isArray(scope.includes) && scope.includes.length > 0 && scope.includes.every((i) => typeof i === 'string');
      if (!ok) problems.push(`${name}.scope needs a field and a non-empty includes list`);
    }
  }
  if (problems.length) throw new Error(`${file} is invalid: ${problems.join('; ')}`);
  return data as Record<string, RegisterList>;
}

export function loadRegisterLists(dir?: string): Record<string, RegisterList> {
  return readDefinitionData(FILE, check, dir);
}

export function registerList(name: string, dir?: string): RegisterList | undefined {
  const all = loadRegisterLists(dir);
  return Object.hasOwn(all, name) ? all[name] : undefined;
}
