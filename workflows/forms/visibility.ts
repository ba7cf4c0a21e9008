/**
 * form-js `conditional.hide`: a FEEL expression (with leading `=`) that hides a field when true.
 * feelin is a pure interpreter, so this is safe in the workflow sandbox.
 */
import { evaluate } from 'feelin';
import type { FormField } from '../graph/types';

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
