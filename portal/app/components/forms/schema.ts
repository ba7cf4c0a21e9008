/** The form-js schema as embedded in the BPMN (zeebe:userTaskForm), as far as the app reads it. */
export interface FormSchema {
  id?: string;
  components: FormComponent[];
  [key: string]: unknown;
}

export interface FormComponent {
  id?: string;
  key?: string;
  path?: string;
  type: string;
  label?: string;
  components?: FormComponent[];
  [key: string]: unknown;
}

/** A form with no fields: a step or a start without a form of its own shows only its button. */
export const EMPTY_FORM: FormSchema = { type: 'default', components: [] };
