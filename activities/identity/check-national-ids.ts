/**
 * `identity.check-national-ids` service task: the national ids of a list of people (the rows in
 * the variable named by the `list` header, the id in the row field named by `field`, the name in
 * `nameField`) must each be a well-formed Iranian national id, and no person may be listed twice
 * for the same `groupBy` value (e.g. the same activity category). It does not fail the process: it
 * sets `personnelProblems` (a list of texts) and `personnelProblemsText` (them joined, for a form or
 * a message), and the process decides what to do. (An inquiry to the national registry would go
 * here; the regulator's smart services replace the paper copies of ID cards with it.)
 */
import { ApplicationFailure } from '@temporalio/activity';
import type { ServiceTaskHandler } from '../service-tasks/registry';
import { isValidNationalId, normaliseNationalId } from './national-id';

export function createCheckNationalIds(): ServiceTaskHandler {
  return async (input) => {
    const { list, field, nameField, groupBy } = input.headers;
    if (!list || !field) throw ApplicationFailure.nonRetryable(`service task ${input.elementId} needs the headers "list" and "field"`, 'MissingHeader');
    const rows = input.variables[list];
    if (rows !== undefined && rows !== null && !Array.isArray(rows)) throw ApplicationFailure.nonRetryable(`variable "${list}" must be a list of rows`, 'InvalidVariable');
    const problems: string[] = [];
    const seen = new Set<string>();
    (Array.isArray(rows) ? rows : []).forEach((row: unknown, i) => {
      const record = (typeof row === 'object' && row !== null ? row : {}) as Record<string, unknown>;
      const raw = record[field];
      const who = nameField && typeof record[nameField] === 'string' ? `${record[nameField] as string} (ردیف ${i + 1} / row ${i + 1})` : `ردیف ${i + 1} / row ${i + 1}`;
      if (typeof raw !== 'string' || !isValidNationalId(raw)) {
        problems.push(`${who}: کد ملی نادرست است / the national ID is not valid`);
        return;
      }
      const key = `${normaliseNationalId(raw)}|${groupBy ? String(record[groupBy] ?? '') : ''}`;
      if (seen.has(key)) problems.push(`${who}: تکراری است / is listed twice`);
      seen.add(key);
    });
    return { variables: { personnelProblems: problems, personnelProblemsText: problems.join('\n') } };
  };
}
