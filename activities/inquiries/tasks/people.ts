/**
 * The people an inquiry task asks about, read from the process variables as the task's headers say:
 * `list` names a variable holding rows (the id in the row field `nationalIdField`, default
 * `nationalId`; a name for messages in `nameField`), or `nationalIdVariable` names one variable
 * holding one person's national ID. The same person listed twice (e.g. under two activity
 * categories) is asked about once.
 */
import { ApplicationFailure } from '@temporalio/activity';
import type { ServiceTaskInput } from '../../../workflows/activities-api';
import { normaliseNationalId } from '../../identity/national-id';

export interface Person {
  nationalId: string;
  label: string;
  row: Record<string, unknown>;
}

/** More people than this in one task is a modelling mistake, not an application. */
export const MAX_PEOPLE = 100;

export function peopleOf(input: ServiceTaskInput, extraFields: Record<string, string | undefined> = {}): Person[] {
  const { list, nationalIdVariable, nameField } = input.headers;
  const idField = input.headers.nationalIdField || 'nationalId';
  let rows: Record<string, unknown>[];
  if (list) {
    const value = input.variables[list];
    if (value !== undefined && value !== null && !Array.isArray(value)) throw ApplicationFailure.nonRetryable(`variable "${list}" must be a list of rows`, 'InvalidVariable');
    rows = (Array.isArray(value) ? value : []).map((r: unknown) => (typeof r === 'object' && r !== null ? r as Record<string, unknown> : {}));
  } else if (nationalIdVariable) {
    const single: Record<string, unknown> = { [idField]: input.variables[nationalIdVariable] };
    for (const [field, variable] of Object.entries(extraFields)) if (variable) single[field] = input.variables[variable];
    rows = [single];
  } else {
    throw ApplicationFailure.nonRetryable(`service task ${input.elementId} needs the header "list" or "nationalIdVariable"`, 'MissingHeader');
  }
  if (rows.length > MAX_PEOPLE) throw ApplicationFailure.nonRetryable(`service task ${input.elementId}: at most ${MAX_PEOPLE} people per inquiry`, 'TooManyPeople');
  const seen = new Set<string>();
  const people: Person[] = [];
  rows.forEach((row, i) => {
    const raw = row[idField];
    const nationalId = typeof raw === 'string' ? normaliseNationalId(raw) : '';
    const name = nameField && typeof row[nameField] === 'string' ? (row[nameField] as string) : '';
    const key = `${nationalId}|${JSON.stringify(Object.keys(extraFields).map((f) => row[f] ?? null))}`;
    if (seen.has(key)) return;
    seen.add(key);
    people.push({ nationalId, row, label: name ? `${name} (${nationalId || '—'})` : `ردیف ${i + 1} / row ${i + 1} (${nationalId || '—'})` });
  });
  return people;
}
