/**
 * Start forms whose options come from a register list (definitions/registers.json): the options are
 * filled in from the register when the form is shown and again when it is submitted, so an applicant
 * can choose only an organisation that is qualified at that moment.
 */
import type { Db } from '../../../prisma/client';
import type { FormSchema } from '../../../workflows/graph/types';
import { registerList } from '../../../activities/definition-data';
import { registerOptions } from '../../../activities/registers/register-holders';

export async function withRegisterOptions(db: Db, form: FormSchema): Promise<FormSchema> {
  const components = await Promise.all(
    form.components.map(async (field) =>
      field.valuesKey !== undefined && field.values === undefined && registerList(field.valuesKey) ? { ...field, values: await registerOptions(db, field.valuesKey) } : field,
    ),
  );
  return { ...form, components };
}
