/**
 * form-js's `filepicker` field as our API needs it: files are uploaded to the document store as
 * they are chosen, and the field's value is the list of their document ids (what the server's form
 * validation expects), so a prefilled fix form shows the documents already given. The accepted
 * types and the size limit are said before choosing; a refused file is said in words and nothing
 * else is lost.
 *
 * form-js renders with preact, so this field is a preact component (written with `h`, no JSX: the
 * app's JSX is React's). It reaches the app through the `documentCatalog` service.
 */
import { Errors, Label, FormContext } from '@bpmn-io/form-js-viewer';
import { h, type ComponentType } from 'preact';
import { useContext, useState } from 'preact/hooks';
import { acceptWords, fileProblem, MAX_DOCUMENT_BYTES, sizeWords, uploadRefusal, type DocumentView } from '../documents/uploads';

/** What the field needs from the app: uploads, names of known documents, words. */
export interface DocumentCatalog {
  locale: string;
  upload(file: File): Promise<DocumentView>;
  describe(id: string): DocumentView | undefined;
  remember(doc: DocumentView): void;
  download(doc: DocumentView): void;
}

interface FieldProps {
  field: { id: string; key: string; label?: string; accept?: string; multiple?: boolean | string; validate?: { required?: boolean } };
  value: unknown;
  onChange(change: { field?: unknown; value: unknown }): void;
  errors?: string[];
  domId: string;
  disabled?: boolean;
  readonly?: boolean;
}

/** form-js's own label and error list, typed loosely: their declared children types are narrower than preact's. */
const FieldLabel = Label as unknown as ComponentType<{ htmlFor: string; label?: string; required?: boolean }>;
const FieldErrors = Errors as unknown as ComponentType<{ id: string; errors: string[] }>;

const idsOf = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);

function DocumentFilePicker(props: FieldProps) {
  const { getService } = useContext(FormContext) as { getService(name: string): unknown };
  const catalog = getService('documentCatalog') as DocumentCatalog;
  const { field, domId, disabled, readonly, errors = [] } = props;
  const multiple = field.multiple === true || field.multiple === 'true';
  const ids = idsOf(props.value);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const en = catalog.locale === 'en';
  const hint = en
    ? `${acceptWords(field.accept, 'en')}, at most ${sizeWords(MAX_DOCUMENT_BYTES, 'en')}; ${multiple ? 'several files allowed' : 'one file'}`
    : `${acceptWords(field.accept, 'fa')}، حداکثر ${sizeWords(MAX_DOCUMENT_BYTES, 'fa')}؛ ${multiple ? 'چند فایل مجاز است' : 'یک فایل'}`;

  const choose = async (event: Event) => {
    const input = event.target as HTMLInputElement;
    const files = Array.from(input.files ?? []);
    input.value = '';
    if (!files.length) return;
    setProblem(null);
    for (const file of files) {
      const refused = fileProblem(file, field.accept, catalog.locale);
      if (refused) return setProblem(refused);
    }
    setBusy(true);
    const added: string[] = [];
    try {
      for (const file of files) {
        try {
          const doc = await catalog.upload(file);
          catalog.remember(doc);
          added.push(doc.id);
        } catch (err) {
          setProblem(uploadRefusal(err, file, catalog.locale));
          break;
        }
      }
    } finally {
      setBusy(false);
    }
    if (added.length) props.onChange({ field, value: multiple ? [...ids, ...added] : added.slice(-1) });
  };

  const remove = (id: string) => props.onChange({ field, value: ids.filter((x) => x !== id) });
  const errorId = `${domId}-error-message`;
  const inactive = disabled || readonly || busy;

  return h('div', { class: `fjs-form-field fjs-form-field-filepicker ito-filepicker${errors.length ? ' fjs-has-errors' : ''}`, 'data-field': field.key },
    h(FieldLabel, { htmlFor: domId, label: field.label, required: field.validate?.required }),
    h('div', { class: 'ito-filepicker-hint', id: `${domId}-hint`, 'data-testid': 'file-hint' }, hint),
    ids.length
      ? h('ul', { class: 'ito-filepicker-list' }, ids.map((id) => {
        const doc = catalog.describe(id);
        return h('li', { key: id, 'data-testid': 'file-item', 'data-id': id },
          doc
            ? h('button', { type: 'button', class: 'ito-link', onClick: () => catalog.download(doc) }, h('bdi', null, doc.filename))
            : h('bdi', null, id),
          doc ? h('span', { class: 'ito-filepicker-size' }, sizeWords(doc.size, catalog.locale)) : null,
          inactive ? null : h('button', { type: 'button', class: 'ito-filepicker-remove', 'aria-label': en ? `Remove ${doc?.filename ?? id}` : `حذف ${doc?.filename ?? id}`, 'data-testid': 'file-remove', onClick: () => remove(id) }, '×'));
      }))
      : null,
    h('label', { class: `fjs-button ito-filepicker-button${inactive ? ' is-disabled' : ''}` },
      busy ? (en ? 'Uploading…' : 'در حال بارگذاری…') : (en ? (ids.length && multiple ? 'Add a file' : ids.length ? 'Replace the file' : 'Choose a file') : (ids.length && multiple ? 'افزودن فایل' : ids.length ? 'جایگزینی فایل' : 'انتخاب فایل')),
      h('input', {
        type: 'file', id: domId, class: 'ito-visually-hidden', multiple: multiple || undefined, disabled: inactive,
        accept: field.accept || undefined, 'aria-describedby': `${domId}-hint ${errorId}`, 'data-testid': `file-input-${field.key}`,
        onChange: choose,
      })),
    problem ? h('div', { class: 'fjs-form-field-error ito-filepicker-problem', role: 'alert', 'data-testid': 'file-problem' }, problem) : null,
    h(FieldErrors, { id: errorId, errors }));
}

DocumentFilePicker.config = {
  type: 'filepicker',
  keyed: true,
  label: 'File picker',
  group: 'basic-input',
  emptyValue: [],
  sanitizeValue: ({ value }: { value: unknown }) => idsOf(value),
  create: (options = {}) => ({ ...options }),
};

/** A form-js module that puts our file field in place of form-js's own. */
export function documentFilePickerModule(catalog: DocumentCatalog) {
  return {
    __init__: ['documentFilePickerRegistration'],
    documentCatalog: ['value', catalog],
    // the injection names are spelled out: minified parameter names would not resolve
    documentFilePickerRegistration: ['type', ['formFields', function register(formFields: { register(type: string, field: unknown): void }) {
      formFields.register('filepicker', DocumentFilePicker);
    }]],
  };
}
