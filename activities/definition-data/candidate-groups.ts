/** Candidate groups of user tasks (definitions/groups.json): id → Persian and English names. */
import { Bilingual, isBilingual, isRecord, readDefinitionData } from './read-json';

const FILE = 'groups.json';

function check(data: unknown, file: string): Record<string, Bilingual> {
  if (!isRecord(data)) throw new Error(`${file}: the top level must map group ids to names`);
  const bad = Object.entries(data).filter(([id, names]) => !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(id) || !isBilingual(names)).map(([id]) => id);
  if (bad.length) throw new Error(`${file} is invalid: ${bad.join(', ')} need a kebab-case id and fa and en names`);
  return data as Record<string, Bilingual>;
}

export function loadCandidateGroups(dir?: string): Array<{ id: string; nameFa: string; nameEn: string }> {
  return Object.entries(readDefinitionData(FILE, check, dir)).map(([id, names]) => ({ id, nameFa: names.fa, nameEn: names.en }));
}
