/**
 * The named conditions each family's rejections cite (definitions/rejection-conditions.json): by
 * process key, a list of `{ code, fa, en }`. A form field with `valuesKey: "rejectionConditions"`
 * offers the list of its own process (filled in when the process is deployed), and the applicant's
 * notification quotes the chosen condition in both languages beside the reviewer's words.
 */
import { Bilingual, bilingualLabel, isBilingual, isRecord, readDefinitionData } from './read-json';

export interface RejectionCondition extends Bilingual {
  code: string;
}

export const REJECTION_CONDITIONS_KEY = 'rejectionConditions';
const FILE = 'rejection-conditions.json';
const CODE = /^[a-z0-9]+(-[a-z0-9]+)*$/;

function check(data: unknown, file: string): Record<string, RejectionCondition[]> {
  if (!isRecord(data)) throw new Error(`${file}: the top level must map process keys to lists of conditions`);
  const problems: string[] = [];
  for (const [key, list] of Object.entries(data)) {
    if (!Array.isArray(list) || list.length === 0) {
      problems.push(`${key} must list at least one condition`);
      continue;
    }
    const seen = new Set<string>();
    list.forEach((c: unknown, i) => {
      const at = `${key}[${i}]`;
      if (!isRecord(c) || typeof c.code !== 'string' || !CODE.test(c.code)) problems.push(`${at}.code must be kebab-case`);
      else if (seen.has(c.code)) problems.push(`${at}.code "${c.code}" is listed twice`);
      else seen.add(c.code);
      if (!isBilingual(c)) problems.push(`${at} needs non-empty fa and en texts`);
    });
  }
  if (problems.length) throw new Error(`${file} is invalid: ${problems.join('; ')}`);
  return data as Record<string, RejectionCondition[]>;
}

export function loadRejectionConditions(dir?: string): Record<string, RejectionCondition[]> {
  return readDefinitionData(FILE, check, dir);
}

/** The conditions of one family's process (none when the process has no list). */
export function rejectionConditionsOf(processKey: string, dir?: string): RejectionCondition[] {
  const all = loadRejectionConditions(dir);
  return Object.hasOwn(all, processKey) ? all[processKey] : [];
}

export function rejectionCondition(processKey: string, code: string, dir?: string): RejectionCondition | undefined {
  return rejectionConditionsOf(processKey, dir).find((c) => c.code === code);
}

/** Compile option lists: each process's conditions as form options under `rejectionConditions`. */
export function rejectionConditionOptionLists(dir?: string): Record<string, Record<string, { label: string; value: string }[]>> {
  return Object.fromEntries(
    Object.entries(loadRejectionConditions(dir)).map(([key, list]) => [key, { [REJECTION_CONDITIONS_KEY]: list.map((c) => ({ value: c.code, label: bilingualLabel(c) })) }]),
  );
}
