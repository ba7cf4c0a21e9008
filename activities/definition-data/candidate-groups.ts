/**
 * Candidate groups of user tasks (definitions/groups.json): id → Persian and English names. One group
 * may be flagged `fallbackForUnassignedTasks`: user tasks whose model names nobody are offered to it.
 */
import { DEFAULT_FALLBACK_TASK_GROUP } from '../../compiler/context';
import { Bilingual, isBilingual, isRecord, readDefinitionData } from './read-json';

const FILE = 'groups.json';

type GroupEntry = Bilingual & { fallbackForUnassignedTasks?: boolean };

function check(data: unknown, file: string): Record<string, GroupEntry> {
  if (!isRecord(data)) throw new Error(`${file}: the top level must map group ids to names`);
  const bad = Object.entries(data).filter(([id, names]) => !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(id) || !isBilingual(names)).map(([id]) => id);
  if (bad.length) throw new Error(`${file} is invalid: ${bad.join(', ')} need a kebab-case id and fa and en names`);
  const flags = Object.entries(data).filter(([, entry]) => isRecord(entry) && entry.fallbackForUnassignedTasks !== undefined);
  const notBoolean = flags.filter(([, entry]) => typeof (entry as Record<string, unknown>).fallbackForUnassignedTasks !== 'boolean').map(([id]) => id);
  if (notBoolean.length) throw new Error(`${file} is invalid: fallbackForUnassignedTasks of ${notBoolean.join(', ')} must be true or false`);
  const flagged = flags.filter(([, entry]) => (entry as GroupEntry).fallbackForUnassignedTasks).map(([id]) => id);
  if (flagged.length > 1) throw new Error(`${file} is invalid: only one group may take unassigned tasks (fallbackForUnassignedTasks), not ${flagged.join(', ')}`);
  return data as Record<string, GroupEntry>;
}

export function loadCandidateGroups(dir?: string): Array<{ id: string; nameFa: string; nameEn: string }> {
  return Object.entries(readDefinitionData(FILE, check, dir)).map(([id, names]) => ({ id, nameFa: names.fa, nameEn: names.en }));
}

/** The group offered user tasks whose model names nobody: the flagged one, else `process-administrators`. */
export function fallbackTaskGroup(dir?: string): string {
  const flagged = Object.entries(readDefinitionData(FILE, check, dir)).find(([, entry]) => entry.fallbackForUnassignedTasks);
  return flagged ? flagged[0] : DEFAULT_FALLBACK_TASK_GROUP;
}
