/** A file as the multipart form the upload routes read (POST /api/public/verify and others): one part, `file` by default. */
export function pdfForm(bytes: Uint8Array, name = 'upload.pdf', { field = 'file', type = 'application/pdf' }: { field?: string; type?: string } = {}): FormData {
  const form = new FormData();
  form.append(field, new Blob([new Uint8Array(bytes)], { type }), name);
  return form;
}
