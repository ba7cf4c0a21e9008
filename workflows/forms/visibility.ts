/**
 * form-js `conditional.hide`: a FEEL expression (with leading `=`) that hides a field when true.
 * feelin is a pure interpreter, so this is safe in the workflow sandbox.
 */
import { evaluate } from 'feelin';
import type { FormField, FormSchema } from '../graph/types';

/**
 * True when the field's hide condition holds for the submitted values. Anything else (no
 * condition, null, a non-boolean, an expression that cannot be evaluated) leaves it visible, so its
 * rules still apply.
 */
export function isHidden(field: FormField, values: Record<string, unknown>): boolean {
  const hide = field.conditional?.hide?.trim();
  if (!hide || !hide.startsWith('=')) return false;
  try {
    return evaluate(hide.slice(1), values).value === true;
  } catch {
    return false;
  }
}

const IDENTIFIER = /[A-Za-z_][A-Za-z0-9_]*/g;

/**
 * The variables a form's hide conditions may read that are not its own fields, with their values in
 * `variables`: what the form needs besides the submission to decide what is hidden. Names are taken
 * from the conditions' text (a FEEL keyword or function name that is also a variable only adds that
 * variable).
 */
export function hideContextOf(schema: FormSchema, variables: Record<string, unknown>): Record<string, unknown> {
  const own = new Set(schema.components.map((c) => (c.type === 'dynamiclist' ? c.path : c.key)).filter((n): n is string => typeof n === 'string'));
  const context: Record<string, unknown> = {};
  const visit = (components: FormField[]) =>
    components.forEach((c) => {
      for (const name of c.conditional?.hide?.match(IDENTIFIER) ?? []) {
        if (!own.has(name) && Object.prototype.hasOwnProperty.call(variables, name) && variables[name] !== undefined) context[name] = variables[name];
      }
      if (c.components) visit(c.components);
    });
  visit(schema.components);
  return context;
}
