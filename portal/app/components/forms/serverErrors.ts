/**
 * The server's form refusals (400 with `errors` keyed by value path: `productName`,
 * `keyPersonnel[1].nationalId`) in the shape form-js keeps its own errors: by field id, and for a
 * field inside a dynamic list by field id then row index, so the message lands on that row's field.
 */
import type { FormComponent } from './schema';

/** form-js's errors: a message list per field, or per row of a repeated field. */
export type FormJsErrors = Record<string, string[] | Record<number, string[]>>;

/** Every field of the schema by its key (dynamic lists by their path), nested groups included. */
export function fieldsByKey(components: FormComponent[], out = new Map<string, FormComponent>()): Map<string, FormComponent> {
  for (const c of components) {
    const name = c.type === 'dynamiclist' ? c.path : c.key;
    if (name) out.set(name, c);
    if (c.components && c.type !== 'dynamiclist') fieldsByKey(c.components, out);
  }
  return out;
}

const ROW_PATH = /^([^.[\]]+)\[(\d+)\]\.([^.[\]]+)$/;

export function formJsErrors(components: FormComponent[], fields: [string, string][]): FormJsErrors {
  const byKey = fieldsByKey(components);
  const errors: FormJsErrors = {};
  for (const [path, message] of fields) {
    const row = ROW_PATH.exec(path);
    const list = row ? byKey.get(row[1]) : undefined;
    const child = row && list?.type === 'dynamiclist' ? fieldsByKey(list.components ?? []).get(row[3]) : undefined;
    if (row && child?.id) {
      const rows = (errors[child.id] ?? {}) as Record<number, string[]>;
      rows[Number(row[2])] = [message];
      errors[child.id] = rows;
      continue;
    }
    const id = byKey.get(path.split(/[.[]/)[0])?.id;
    if (id) errors[id] = [message];
  }
  return errors;
}

/** The label a refusal is listed under above the button: the row's field label with its row number. */
export function labelOfPath(components: FormComponent[], path: string): string {
  const byKey = fieldsByKey(components);
  const row = ROW_PATH.exec(path);
  const list = row ? byKey.get(row[1]) : undefined;
  if (row && list?.type === 'dynamiclist') {
    const child = fieldsByKey(list.components ?? []).get(row[3]);
    return `${list.label ?? row[1]} ${Number(row[2]) + 1}: ${child?.label ?? row[3]}`;
  }
  return byKey.get(path.split(/[.[]/)[0])?.label ?? path;
}
