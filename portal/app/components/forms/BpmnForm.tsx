/**
 * A start or task form drawn by form-js (the viewer Camunda's Tasklist uses) from the schema embedded
 * in the BPMN, so what the browser shows is what the server validates. Our additions: the file field
 * uploads to the document store (documentFilePicker.ts); the data passed in carries the prefilled
 * values, the option lists named by `valuesKey`, and the process variables the hide conditions read;
 * the server's refusals (400 with `errors` by field key) are shown on the fields and above the button.
 */
import { Form } from '@bpmn-io/form-js-viewer';
import '@bpmn-io/form-js-viewer/dist/assets/form-js.css';
import { Alert, Box, Button, CircularProgress } from '@mui/material';
import { useEffect, useRef, useState } from 'react';
import { useLocaleState, useTranslate } from 'react-admin';
import { ApiError, download } from '../../api/http';
import { uploadDocument, type DocumentView } from '../documents/uploads';
import { documentFilePickerModule, type DocumentCatalog } from './documentFilePicker';
import { formDrafts } from './drafts';
import { formMessagesModule } from './formMessages';
import './bpmn-form.css';
import type { FormComponent, FormSchema } from './schema';
import { fieldsByKey, formJsErrors, labelOfPath } from './serverErrors';

export type { FormComponent, FormSchema };

export interface BpmnFormProps {
  schema: FormSchema;
  /** Prefilled values, option lists (valuesKey) and the variables hide conditions read. */
  data?: Record<string, unknown>;
  /** Documents the form may already name (a fix form's earlier uploads), for their names. */
  documents?: DocumentView[];
  submitLabel: string;
  /** Sends the values; throw the API's error to show it on the form. */
  onSubmit(values: Record<string, unknown>): Promise<void>;
  disabled?: boolean;
  testId?: string;
  /** What the form is for (a task id, the process to start): input not yet sent survives the page being drawn again (a language switch). */
  draftKey?: string;
}

/** Documents the forms have named or uploaded this page life, by id: a form drawn again (a language switch) still names its files. */
const knownDocuments = new Map<string, DocumentView>();

export function BpmnForm({ schema, data = {}, documents = [], submitLabel, onSubmit, disabled, testId = 'bpmn-form', draftKey }: BpmnFormProps) {
  const container = useRef<HTMLDivElement>(null);
  const form = useRef<Form | null>(null);
  const [locale] = useLocaleState();
  const translate = useTranslate();
  const [busy, setBusy] = useState(false);
  const [ready, setReady] = useState(false);
  const [problem, setProblem] = useState<{ message: string; fields: [string, string][] } | null>(null);

  for (const d of documents) knownDocuments.set(d.id, d);

  useEffect(() => {
    if (!container.current) return;
    const catalog: DocumentCatalog = {
      locale,
      upload: uploadDocument,
      describe: (id) => knownDocuments.get(id),
      remember: (doc) => knownDocuments.set(doc.id, doc),
      download: (doc) => void download(`/api/documents/${encodeURIComponent(doc.id)}/content`, doc.filename),
    };
    // no debounce: what was typed is in the form's data at once, so a click on the button right after
    // typing submits it (form-js otherwise takes typed text 300 ms later)
    const options: ConstructorParameters<typeof Form>[0] & { debounce: false } = { container: container.current, debounce: false, additionalModules: [documentFilePickerModule(catalog), formMessagesModule(locale)] };
    const instance = new Form(options);
    form.current = instance;
    let alive = true;
    setReady(false);
    const fields = new Set(fieldsByKey(schema.components).keys());
    instance.on('changed', (event: { data: Record<string, unknown> }) => formDrafts.set(draftKey, event.data, fields));
    instance.importSchema(schema, { ...data, ...formDrafts.get(draftKey) }).then(() => alive && setReady(true), (err: Error) => alive && setProblem({ message: err.message, fields: [] }));
    return () => {
      alive = false;
      instance.destroy();
      form.current = null;
    };
    // the form is rebuilt when the schema, the data or the language change, not on every render
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [schema, JSON.stringify(data), locale, draftKey]);

  const submit = async () => {
    const instance = form.current;
    if (!instance) return;
    setProblem(null);
    const { data: values, errors } = instance.submit() as { data: Record<string, unknown>; errors: Record<string, string[]> };
    if (Object.keys(errors).length) {
      setProblem({ message: translate('ito.form.fix_fields'), fields: [] });
      return;
    }
    setBusy(true);
    try {
      await onSubmit(values);
      formDrafts.clear(draftKey);
    } catch (err) {
      const fields = err instanceof ApiError ? Object.entries(err.fieldErrors) : [];
      showFieldErrors(instance, schema, fields);
      setProblem({ message: err instanceof ApiError && err.status === 0 ? translate('ito.offline') : (err as Error).message, fields });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Box data-testid={testId} data-ready={ready ? 'true' : 'false'} className="ito-bpmn-form" sx={{ minHeight: 120 }}>
      <div ref={container} />
      {problem ? (
        <Alert severity="error" data-testid="form-error" sx={{ my: 2 }}>
          <span dir="auto">{problem.message}</span>
          {problem.fields.length ? (
            <Box component="ul" sx={{ m: 0, paddingInlineStart: 3 }}>
              {problem.fields.map(([k, v]) => <li key={k}><bdi>{labelOfPath(schema.components, k)}</bdi>: <span dir="auto">{v}</span></li>)}
            </Box>
          ) : null}
        </Alert>
      ) : null}
      <Button variant="contained" size="large" onClick={submit} disabled={disabled || busy || !ready} data-testid={`${testId}-submit`} startIcon={busy ? <CircularProgress size={18} color="inherit" /> : undefined}>
        {submitLabel}
      </Button>
    </Box>
  );
}

/** The server's refusals on the fields they name (a list's row on that row's field), as form-js shows its own. */
function showFieldErrors(instance: Form, schema: FormSchema, fields: [string, string][]): void {
  if (!fields.length) return;
  (instance as unknown as { _setState(state: object): void })._setState({ errors: formJsErrors(schema.components, fields) });
}
