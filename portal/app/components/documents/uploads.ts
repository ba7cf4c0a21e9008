/**
 * Uploading a document the way the API takes it (POST /api/documents, multipart `file`), and saying
 * before the upload what a field accepts: the types its `accept` names (PDF, PNG, JPEG: the only kinds
 * the server stores, recognised by content) and the size limit. The server checks again.
 */
import { DOCUMENT_TYPES, MAX_DOCUMENT_BYTES, type DocumentContentType } from '../../../server/documents/document-limits';
import { api, ApiError } from '../../api/http';

export { MAX_DOCUMENT_BYTES };

/** A stored document as the API shows it. */
export interface DocumentView {
  id: string;
  filename: string;
  contentType: string;
  size: number;
  sha256?: string;
  kind?: string;
  trackingNumber?: string | null;
  taskId?: string | null;
  uploadedBy?: string;
  createdAt?: string;
  attachedAt?: string | null;
}

const ALL_TYPES = Object.keys(DOCUMENT_TYPES) as DocumentContentType[];

/** The stored types a field's `accept` (".pdf,image/*", …) lets in; all of them when it names none. */
export function acceptedTypes(accept: string | undefined): DocumentContentType[] {
  const tokens = String(accept ?? '').split(',').map((t) => t.trim().toLowerCase()).filter(Boolean);
  if (!tokens.length) return ALL_TYPES;
  return ALL_TYPES.filter((type) => tokens.some((t) => t === type || (t.endsWith('/*') && type.startsWith(t.slice(0, -1))) || DOCUMENT_TYPES[type].includes(t)));
}

const TYPE_WORDS: Record<DocumentContentType, [string, string]> = {
  'application/pdf': ['PDF', 'PDF'],
  'image/png': ['PNG', 'PNG'],
  'image/jpeg': ['JPEG', 'JPEG'],
};

/** "PDF یا PNG" / "PDF or PNG". */
export function acceptWords(accept: string | undefined, locale: string): string {
  const words = acceptedTypes(accept).map((t) => TYPE_WORDS[t][locale === 'en' ? 1 : 0]);
  return words.join(locale === 'en' ? ' or ' : ' یا ');
}

export function sizeWords(bytes: number, locale: string): string {
  const fmt = (n: number, d = 0) => n.toLocaleString(locale === 'en' ? 'en' : 'fa-IR', { maximumFractionDigits: d });
  if (bytes >= 1024 * 1024) return `${fmt(bytes / 1024 / 1024, 1)} ${locale === 'en' ? 'MB' : 'مگابایت'}`;
  if (bytes >= 1024) return `${fmt(bytes / 1024)} ${locale === 'en' ? 'KB' : 'کیلوبایت'}`;
  return `${fmt(bytes)} ${locale === 'en' ? 'bytes' : 'بایت'}`;
}

/** Why a file cannot be uploaded for this field, before sending it; null when it may be. */
export function fileProblem(file: File, accept: string | undefined, locale: string): string | null {
  const name = file.name.toLowerCase();
  const types = acceptedTypes(accept);
  const byName = types.some((t) => DOCUMENT_TYPES[t].some((ext) => name.endsWith(ext)));
  const byType = types.includes(file.type as DocumentContentType);
  if (!byName && !byType) return locale === 'en' ? `"${file.name}" is not accepted: ${acceptWords(accept, locale)} only.` : `فایل «${file.name}» پذیرفته نیست؛ تنها ${acceptWords(accept, locale)} مجاز است.`;
  if (file.size === 0) return locale === 'en' ? `"${file.name}" is empty.` : `فایل «${file.name}» خالی است.`;
  if (file.size > MAX_DOCUMENT_BYTES) return locale === 'en' ? `"${file.name}" is larger than ${sizeWords(MAX_DOCUMENT_BYTES, locale)}.` : `حجم فایل «${file.name}» بیش از ${sizeWords(MAX_DOCUMENT_BYTES, locale)} است.`;
  return null;
}

/** Why the server refused an upload, in the user's language. */
export function uploadRefusal(err: unknown, file: File, locale: string): string {
  const status = err instanceof ApiError ? err.status : -1;
  const en = locale === 'en';
  switch (status) {
    case 413: return en ? `"${file.name}" is larger than ${sizeWords(MAX_DOCUMENT_BYTES, locale)}.` : `حجم فایل «${file.name}» بیش از ${sizeWords(MAX_DOCUMENT_BYTES, locale)} است.`;
    case 415: return en ? `"${file.name}" is not a PDF, PNG or JPEG file.` : `محتوای فایل «${file.name}» PDF، PNG یا JPEG نیست.`;
    case 429: return en ? 'Too many uploads not yet used in a form: submit the forms you started, or try again tomorrow.' : 'تعداد فایل‌های بارگذاری‌شده و هنوز ثبت‌نشده شما از حد مجاز گذشته است؛ فرم‌های نیمه‌کاره را ثبت کنید یا فردا دوباره تلاش کنید.';
    case 0: return en ? 'The server could not be reached.' : 'ارتباط با سرور برقرار نشد.';
    default: return err instanceof Error ? err.message : String(err);
  }
}

export function uploadDocument(file: File): Promise<DocumentView> {
  const form = new FormData();
  form.append('file', file, file.name);
  return api<DocumentView>('/api/documents', { form });
}
