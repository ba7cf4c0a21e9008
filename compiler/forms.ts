import type { FormSchema } from '../workflows/graph/types';
import { optionSourcesFor, type CompileContext } from './context';
import { parseFormSchema } from './form-schema';
import type { ModdleElement } from './moddle';
import type { ProcessView } from './process-view';
import { formDefinitions } from './zeebe';

/** Embedded forms are referenced as `camunda-forms:bpmn:<zeebe:userTaskForm id>`. */
export const FORM_KEY_PREFIX = 'camunda-forms:bpmn:';

export type FormResolution =
  | { kind: 'none' }
  | { kind: 'form'; formId: string; schema: FormSchema }
  | { kind: 'invalid'; reason: string };

/**
 * Finds and parses the form a user task or start event points to, filling in the options the
 * context knows (`valuesKey`). Without a context no `valuesKey` list is known.
 */
export function resolveForm(view: ProcessView, node: ModdleElement, context?: CompileContext): FormResolution {
  const definitions = formDefinitions(node);
  if (definitions.length === 0) return { kind: 'none' };
  if (definitions.length > 1) return { kind: 'invalid', reason: 'has more than one zeebe:formDefinition' };
  const [{ formKey, formId, externalReference }] = definitions;
  if (formId !== undefined || externalReference !== undefined) {
    return { kind: 'invalid', reason: 'uses a linked or external form (formId, externalReference), which is not supported yet; embed the form with zeebe:userTaskForm and formKey' };
  }
  if (!formKey || !formKey.startsWith(FORM_KEY_PREFIX) || formKey.length === FORM_KEY_PREFIX.length) {
    return { kind: 'invalid', reason: `has formKey "${formKey ?? ''}"; expected "${FORM_KEY_PREFIX}<form id>"` };
  }
  const id = formKey.slice(FORM_KEY_PREFIX.length);
  if (!view.forms.has(id)) {
    return { kind: 'invalid', reason: `refers to form "${id}", but the process has no zeebe:userTaskForm with that id` };
  }
  const sources = context ? optionSourcesFor(context, view.id) : { lists: {}, registerLists: new Set<string>() };
  const parsed = parseFormSchema(view.forms.get(id), { sources, isStartForm: node.$type === 'bpmn:StartEvent' });
  if (!parsed.ok) return { kind: 'invalid', reason: `has an invalid form "${id}": ${parsed.reason}` };
  return { kind: 'form', formId: id, schema: parsed.schema };
}
