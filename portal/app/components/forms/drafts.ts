/**
 * What a user has typed into a form and not yet sent, kept for the page's life (not stored): the app
 * draws every page again when the language changes, and a form must not lose its input to that.
 * Keyed by what the form is for (a task id, a process to start); cleared once the form is sent.
 */
const drafts = new Map<string, Record<string, unknown>>();

export const formDrafts = {
  get: (key: string | undefined): Record<string, unknown> | undefined => (key ? drafts.get(key) : undefined),
  /** Keeps only the values of `fields` (what the user can type or choose), not the option lists and other data the form was given. */
  set: (key: string | undefined, values: Record<string, unknown>, fields: ReadonlySet<string>): void => {
    if (key) drafts.set(key, Object.fromEntries(Object.entries(values).filter(([name]) => fields.has(name))));
  },
  clear: (key: string | undefined): void => {
    if (key) drafts.delete(key);
  },
};
