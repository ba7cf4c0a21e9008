/**
 * Form values read as a person would: each field's label (from the form's schema) beside its value,
 * options by their labels, dynamic lists as tables, documents as download links. Fields the schema
 * does not name (variables the form does not hold) are left out.
 */
import { Box, Link, Table, TableBody, TableCell, TableHead, TableRow, Typography } from '@mui/material';
import type { ReactNode } from 'react';
import { useNotify, useTranslate } from 'react-admin';
import { download } from '../../api/http';
import { BiText, splitBilingual } from '../../components/Bi';
import type { DocumentView } from '../../components/documents/uploads';
import type { FormComponent, FormSchema } from '../../components/forms/BpmnForm';

const DISPLAY_ONLY = new Set(['text', 'spacer', 'separator', 'button', 'html', 'image']);

/** The fields of a schema in order, containers (groups) opened; dynamic lists kept whole. */
export function fieldsOf(components: FormComponent[] = []): FormComponent[] {
  return components.flatMap((c) => {
    if (c.type === 'dynamiclist') return [c];
    if (c.components) return fieldsOf(c.components);
    return DISPLAY_ONLY.has(c.type) || !c.key ? [] : [c];
  });
}

/** Every field label of some forms by key (documents are named by the field that holds them). */
export function labelsOf(...forms: (FormSchema | null | undefined)[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const form of forms) for (const f of fieldsOf(form?.components)) {
    const key = f.type === 'dynamiclist' ? f.path : f.key;
    if (key && f.label && !out.has(key)) out.set(key, f.label);
  }
  return out;
}

function optionLabel(field: FormComponent, value: unknown): string {
  const values = field.values as { label: string; value: unknown }[] | undefined;
  return values?.find((o) => o.value === value)?.label ?? String(value);
}

export function DocumentLink({ doc, testId = 'document-link' }: { doc: DocumentView; testId?: string }) {
  const notify = useNotify();
  const translate = useTranslate();
  return (
    <Link
      component="button"
      type="button"
      data-testid={testId}
      data-id={doc.id}
      sx={{ verticalAlign: 'baseline', textAlign: 'start' }}
      aria-label={translate('applicant.documents.download', { name: doc.filename })}
      onClick={() => download(`/api/documents/${encodeURIComponent(doc.id)}/content`, doc.filename).catch((err: Error) => notify(err.message, { type: 'error' }))}
    >
      <bdi>{doc.filename}</bdi>
    </Link>
  );
}

function Value({ field, value, documents }: { field: FormComponent; value: unknown; documents: Map<string, DocumentView> }): ReactNode {
  const translate = useTranslate();
  if (value === undefined || value === null || value === '' || (Array.isArray(value) && !value.length)) return <span>{translate('applicant.values.empty')}</span>;
  switch (field.type) {
    case 'checkbox':
      return <span>{translate(value ? 'applicant.values.yes' : 'applicant.values.no')}</span>;
    case 'select':
    case 'radio':
      return <BiText text={optionLabel(field, value)} />;
    case 'checklist':
    case 'taglist':
      return <Box component="ul" sx={{ m: 0, paddingInlineStart: 2.5 }}>{(value as unknown[]).map((v) => <li key={String(v)}><BiText text={optionLabel(field, v)} /></li>)}</Box>;
    case 'filepicker': {
      const ids = (Array.isArray(value) ? value : [value]).map(String);
      return (
        <Box component="ul" sx={{ m: 0, paddingInlineStart: 2.5 }}>
          {ids.map((id) => {
            const doc = documents.get(id);
            return <li key={id}>{doc ? <DocumentLink doc={doc} /> : <bdi>{id}</bdi>}</li>;
          })}
        </Box>
      );
    }
    case 'dynamiclist': {
      const columns = fieldsOf(field.components);
      const rows = Array.isArray(value) ? (value as Record<string, unknown>[]) : [];
      return (
        // a wide table scrolls in a narrow column: keyboard users reach the scroll too (WCAG 2.1.1)
        <Box sx={{ overflowX: 'auto' }} tabIndex={0} role="region" aria-label={splitBilingual(field.label ?? field.path ?? '')[0]}>
          <Table size="small" data-testid="value-table">
            <TableHead>
              <TableRow>{columns.map((c) => <TableCell key={c.key}><BiText text={c.label ?? c.key} stack /></TableCell>)}</TableRow>
            </TableHead>
            <TableBody>
              {rows.map((row, i) => (
                <TableRow key={i}>{columns.map((c) => <TableCell key={c.key}><Value field={c} value={row?.[c.key ?? '']} documents={documents} /></TableCell>)}</TableRow>
              ))}
            </TableBody>
          </Table>
        </Box>
      );
    }
    case 'number':
      return <bdi>{String(value)}</bdi>;
    default:
      return <Box component="span" dir="auto" sx={{ whiteSpace: 'pre-wrap', unicodeBidi: 'plaintext' }}>{typeof value === 'object' ? JSON.stringify(value) : String(value)}</Box>;
  }
}

/** Label/value pairs of `values` in the order of `schema`'s fields. */
export function FormValues({ schema, values, documents = [], testId, changed, dense = false }: { schema: FormSchema | null | undefined; values: Record<string, unknown> | null | undefined; documents?: DocumentView[]; testId?: string; changed?: Set<string>; /** label above value, for narrow columns */ dense?: boolean }) {
  const translate = useTranslate();
  const docs = new Map(documents.map((d) => [d.id, d]));
  const fields = fieldsOf(schema?.components).filter((f) => {
    const key = f.type === 'dynamiclist' ? f.path : f.key;
    return key !== undefined && values && key in values;
  });
  if (!values || !fields.length) return <Typography color="text.secondary" data-testid={testId}>{translate('applicant.values.none')}</Typography>;
  return (
    <Box component="dl" data-testid={testId} sx={{ m: 0, display: 'grid', gridTemplateColumns: dense ? '1fr' : { xs: '1fr', sm: 'minmax(160px, 30%) 1fr' }, columnGap: 2, rowGap: dense ? 0.25 : 1.25 }}>
      {fields.map((f) => {
        const key = (f.type === 'dynamiclist' ? f.path : f.key) as string;
        return (
          <Box key={key} sx={{ display: 'contents' }} data-testid="value-row" data-key={key} data-changed={changed?.has(key) ? 'true' : undefined}>
            <Box component="dt" sx={{ fontWeight: 700, color: 'text.secondary' }}><BiText text={f.label ?? key} stack /></Box>
            <Box component="dd" sx={{ m: 0, minWidth: 0, mb: dense ? 0.75 : 0 }} data-testid={`value-${key}`}>
              <Value field={f} value={values[key]} documents={docs} />
              {changed?.has(key) ? <Typography component="span" variant="caption" sx={{ marginInlineStart: 1, color: 'info.main' }}>{translate('applicant.show.updated_by_fix')}</Typography> : null}
            </Box>
          </Box>
        );
      })}
    </Box>
  );
}
