/**
 * The undertaking (تعهدنامه) of a registration-based (ثبت‌محور) family: the applicant accepts it on
 * the start form, in a required checkbox keyed `undertaking`, and the certificate is issued on
 * registration (permits-portals.md §1). The text is the family's `legal.undertaking`.
 */
import type { FormField, ProcessGraph, StartEventNode } from '../../workflows/graph/types';
import type { Bilingual } from './read-json';
import type { ServiceData } from './services';

export const UNDERTAKING_FIELD = 'undertaking';

/** The marker the public record and the certificate carry: issued on registration with an undertaking. */
export const ISSUED_ON_REGISTRATION: Bilingual = { fa: 'صادرشده بر پایه ثبت و تعهدنامه', en: 'Issued on registration with an undertaking' };

function fieldsOf(components: FormField[]): FormField[] {
  return components.flatMap((c) => [c, ...fieldsOf((c as { components?: FormField[] }).components ?? [])]);
}

/** The undertaking text of a registration-based family; undefined for an approval-based one. */
export function undertakingOf(service: ServiceData | undefined): Bilingual | undefined {
  return service?.legal.basis === 'registration' ? service.legal.undertaking : undefined;
}

/**
 * What the start form of a registration-based process lacks for its undertaking, in Persian and
 * English; undefined when it has a required, always shown checkbox keyed `undertaking`.
 */
export function missingUndertakingField(graph: ProcessGraph): Bilingual | undefined {
  // the form the portal starts an application with (start-application.ts, startFormOf)
  const start = graph.elements[graph.startEventIds[0]] as StartEventNode | undefined;
  const field = fieldsOf(start?.form?.components ?? []).find((f) => f.key === UNDERTAKING_FIELD);
  if (!start?.form) {
    return { fa: `فرم شروع ندارد؛ فرایند ثبت‌محور به فیلد تعهدنامه «${UNDERTAKING_FIELD}» (چک‌باکس الزامی) نیاز دارد`, en: `has no start form; a registration-based process needs the undertaking field "${UNDERTAKING_FIELD}" (a required checkbox)` };
  }
  if (!field) {
    return { fa: `فرم شروع فیلد تعهدنامه «${UNDERTAKING_FIELD}» (چک‌باکس الزامی) را ندارد`, en: `the start form lacks the undertaking field "${UNDERTAKING_FIELD}" (a required checkbox)` };
  }
  if (field.type !== 'checkbox' || field.validate?.required !== true || field.conditional?.hide) {
    return { fa: `فیلد «${UNDERTAKING_FIELD}» باید چک‌باکسِ الزامی و همیشه نمایان باشد`, en: `the field "${UNDERTAKING_FIELD}" must be a required checkbox that is always shown` };
  }
  return undefined;
}
