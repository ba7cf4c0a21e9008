/**
 * A submitted form, checked in one pass before anything reaches the engine: its fields against the
 * form (the same validation the workflow runs) and its documents against the document store, with
 * every problem in one 400 so the submitter fixes everything at once. The engine validates the
 * fields again when it takes the values; this pass only saves a round trip and names documents.
 */
import type { Db } from '../../../prisma/client';
import type { FormSchema } from '../../../workflows/graph/types';
import { validateFormInput } from '../../../workflows/forms/validate-form';
import { hideContextOf } from '../../../workflows/forms/visibility';
import type { CurrentUser } from '../plugins/auth';
import { badRequest } from '../plugins/errors';
import { checkFormDocuments } from './form-documents';

/**
 * The form's accepted values as they are stored and handed to the engine (hidden and read-only
 * fields dropped, text NFC and trimmed: workflows/forms/text-policy.ts), or a 400 naming every
 * invalid field.
 */
export async function requireValidSubmission(db: Db, user: CurrentUser, form: FormSchema, values: Record<string, unknown>, options: { applicationId?: string; prefill?: Record<string, unknown> } = {}): Promise<Record<string, unknown>> {
  // a task's hide conditions may read process variables the form does not hold: its prefill has them
  const context = options.prefill ? hideContextOf(form, options.prefill) : {};
  const checked = validateFormInput(form, values, context);
  const documentErrors = await checkFormDocuments(db, user, form, { ...context, ...(checked.ok ? checked.values : values) }, options);
  const errors = { ...(checked.ok ? {} : checked.errors), ...documentErrors };
  if (Object.keys(errors).length > 0) throw badRequest(`the form has invalid fields: ${Object.keys(errors).join(', ')}`, errors);
  return checked.ok ? checked.values : values;
}
