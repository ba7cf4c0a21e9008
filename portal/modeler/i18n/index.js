/**
 * Persian beside English in the editor: bpmn-js and its properties panel pass every label and
 * tooltip through `translate`; the ones in persian.js show as «فارسی · English», the rest stay
 * English (technical names such as FEEL or zeebe types are not translated).
 */
import PERSIAN from './persian';

export function translate(template, replacements = {}) {
  const text = Object.hasOwn(PERSIAN, template) ? `${PERSIAN[template]} · ${template}` : template;
  return text.replace(/{([^}]+)}/g, (all, key) => (Object.hasOwn(replacements, key) ? String(replacements[key]) : all));
}

export default {
  translate: ['value', translate],
};
