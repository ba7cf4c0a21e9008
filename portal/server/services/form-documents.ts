/**
 * The documents a form submission names (filepicker fields: lists of document ids) are checked
 * before anything is recorded: each must exist, be the submitter's own upload, not belong to
 * another application, and be of a type the field accepts. Attaching happens after the submission
 * is accepted (attachFormDocuments, shared with the closeUserTask activity).
 */
import type { Db } from '../../../prisma/client';
import { DOCUMENT_ID_PATTERN, type FormField, type FormSchema } from '../../../workflows/graph/types';
import { documentFields, documentIdsIn } from '../../../activities/documents/attach-form-documents';
import { DOCUMENT_TYPES, DOCUMENT_TYPE_NAMES, type DocumentContentType } from '../documents/content-type';
import type { CurrentUser } from '../plugins/auth';
import { badRequest } from '../plugins/errors';

export { attachFormDocuments } from '../../../activities/documents/attach-form-documents';

/** More than this many files in one field is refused (as many as one user may have unattached). */
const MAX_FILES_PER_FIELD = 100;

/**
 * Field errors (keyed by field key, short lower-case English like the form validator's) for the
 * documents the values name; empty when all is well. `applicationId`: the application the form
 * belongs to (a task form), whose documents may be named again.
 */
export async function checkFormDocuments(
  db: Db,
  user: CurrentUser,
  form: FormSchema,
  values: Record<string, unknown>,
  { applicationId }: { applicationId?: string } = {},
): Promise<Record<string, string>> {
  const errors: Record<string, string> = {};
  const named = new Map<string, string[]>();
  for (const field of documentFields(form, values)) {
    const problem = checkShape(field, values[field.key]);
    if (problem) errors[field.key] = problem;
    else named.set(field.key, documentIdsIn(values[field.key]));
  }
  const allIds = [...new Set([...named.values()].flat())];
  if (allIds.length === 0) return errors;
  const docs = new Map(
    (await db.document.findMany({ where: { id: { in: allIds } }, select: { id: true, uploadedById: true, applicationId: true, contentType: true } })).map((d) => [d.id, d]),
  );
  for (const field of documentFields(form, values)) {
    const accepted = acceptedTypes(field.accept);
    for (const id of named.get(field.key) ?? []) {
      const doc = docs.get(id);
      // another user's upload is reported exactly like a missing one: ids are not to be probed
      const problem = !doc || doc.uploadedById !== user.id
        ? `document ${id} does not exist`
        : doc.applicationId !== null && doc.applicationId !== applicationId
          ? `document ${id} belongs to another application`
          : !accepted.has(doc.contentType as DocumentContentType)
            ? `must be ${describe(accepted, field.accept)}`
            : undefined;
      if (problem) {
        errors[field.key] = problem;
        break;
      }
    }
  }
  return errors;
}

/** checkFormDocuments as a guard: 400 with the field errors, in the shape of a form's errors. */
function checkShape(field: FormField, value: unknown): string | undefined {
  if (value === undefined || value === null) return field.validate?.required ? 'is required' : undefined;
  if (!Array.isArray(value) || !value.every((id) => typeof id === 'string' && DOCUMENT_ID_PATTERN.test(id))) return 'must be a list of document ids';
  if (value.length === 0) return field.validate?.required ? 'is required' : undefined;
  if (!field.multiple && value.length > 1) return 'takes one file';
  if (value.length > MAX_FILES_PER_FIELD) return `takes at most ${MAX_FILES_PER_FIELD} files`;
  if (new Set(value).size !== value.length) return 'names the same document twice';
  return undefined;
}

/**
 * The content types a filepicker's `accept` allows: comma-separated extensions (`.pdf`) or MIME
 * types (`application/pdf`, `image/*`); no accept allows every storable type.
 */
export function acceptedTypes(accept: string | undefined): Set<DocumentContentType> {
  const all = Object.keys(DOCUMENT_TYPES) as DocumentContentType[];
  const tokens = (accept ?? '').split(',').map((t) => t.trim().toLowerCase()).filter(Boolean);
  if (tokens.length === 0) return new Set(all);
  return new Set(all.filter((type) => tokens.some((t) => t === type || DOCUMENT_TYPES[type].includes(t) || (t.endsWith('/*') && type.startsWith(t.slice(0, -1))))));
}

function describe(accepted: Set<DocumentContentType>, accept: string | undefined): string {
  if (accepted.size === 0) return `of a type in "${accept}"`;
  const names = [...accepted].map((type) => DOCUMENT_TYPE_NAMES[type]);
  return names.length === 1 ? names[0] : `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
}
