/**
 * An empty PAdES signature in a pdfkit document, to be filled in later by signPdf.
 *
 * Written by hand with doc.ref() instead of @signpdf/placeholder-pdfkit: that package targets
 * pdfkit 0.11 (it only installs here through an npm override) and would be one more
 * dependency for about forty lines; writing it ourselves also fixes the SubFilter and the
 * placeholder size to what signPdf expects.
 *
 * The result, inside a widget on page 1:
 *   /ByteRange [0 /********** /********** /**********]  (same width as the final numbers)
 *   /Contents <000…000>                                   (SIGNATURE_CONTENTS_BYTES zero bytes)
 * With `appearance`, the widget's /Rect is its box and its normal appearance (/AP /N, a form
 * XObject) is what `appearance.draw` paints there (the seal); without it the widget is invisible
 * (Rect 0 0 0 0). Either way it is printed (PDF/A wants the print flag and an appearance).
 */
import type PDFDocument from 'pdfkit';
import { untagged } from './text-tagging';

type Doc = InstanceType<typeof PDFDocument>;

/** Room for the DER CMS: certificates, signature and later a time-stamp token. */
export const SIGNATURE_CONTENTS_BYTES = 16 * 1024;
export const BYTE_RANGE_PLACEHOLDER = '**********';
/** How the ByteRange placeholder appears in the file; signPdf overwrites it in place. */
export const BYTE_RANGE_PLACEHOLDER_TEXT = `/ByteRange [0 /${BYTE_RANGE_PLACEHOLDER} /${BYTE_RANGE_PLACEHOLDER} /${BYTE_RANGE_PLACEHOLDER}]`;

export interface SignaturePlaceholderOptions {
  reason: string;
  location: string;
  name: string;
  contactInfo?: string;
  /** Goes into /M: PAdES keeps the claimed signing time out of the CMS and in the signature dictionary. */
  signingTime: Date;
  fieldName?: string;
  appearance?: SignatureAppearance;
}

/** A visible signature: what is drawn in `box` (pdfkit's top-left page coordinates) with the usual pdfkit calls. */
export interface SignatureAppearance {
  box: { x: number; y: number; width: number; height: number };
  draw: () => void;
}

interface PdfKitPage {
  content: PDFKit.PDFKitReference;
  resources: PDFKit.PDFKitReference;
  height: number;
}

/**
 * A form XObject holding what `draw` paints in `box`: pdfkit's drawing calls write to the page's
 * content stream, so the form takes its place while `draw` runs (fonts land in the page's
 * resources, which the form shares). The form's own matrix undoes pdfkit's page flip and moves
 * the box to the form's origin.
 */
function formXObject(doc: Doc, { box, draw }: SignatureAppearance): PDFKit.PDFKitReference {
  const page = doc.page as unknown as PdfKitPage;
  const form = doc.ref({ Type: 'XObject', Subtype: 'Form', BBox: [0, 0, box.width, box.height], Resources: page.resources });
  const pageContent = page.content;
  page.content = form;
  try {
    doc.addContent(`1 0 0 -1 ${-box.x} ${box.y + box.height} cm`);
    untagged(doc, draw);
  } finally {
    page.content = pageContent;
  }
  form.end(undefined);
  return form;
}

interface AcroFormRef {
  data: { Fields: unknown[]; SigFlags?: number; NeedAppearances?: boolean };
}

// pdfkit has no public handle on the catalog's AcroForm; initForm() creates it and we adjust it.
interface PdfKitCatalog {
  _root: { data: { AcroForm?: AcroFormRef } };
}

/** Call once, with a font selected and page 1 current. */
export function addSignaturePlaceholder(doc: Doc, options: SignaturePlaceholderOptions): void {
  const signature = doc.ref({
    Type: 'Sig',
    Filter: 'Adobe.PPKLite',
    SubFilter: 'ETSI.CAdES.detached',
    ByteRange: [0, BYTE_RANGE_PLACEHOLDER, BYTE_RANGE_PLACEHOLDER, BYTE_RANGE_PLACEHOLDER],
    Contents: Buffer.alloc(SIGNATURE_CONTENTS_BYTES),
    Reason: new String(options.reason),
    Location: new String(options.location),
    Name: new String(options.name),
    ...(options.contactInfo ? { ContactInfo: new String(options.contactInfo) } : {}),
    M: options.signingTime,
  });
  signature.end(undefined);

  const box = options.appearance?.box;
  const pageHeight = (doc.page as unknown as PdfKitPage).height;
  const widget = doc.ref({
    Type: 'Annot',
    Subtype: 'Widget',
    FT: 'Sig',
    Rect: box ? [box.x, pageHeight - box.y - box.height, box.x + box.width, pageHeight - box.y] : [0, 0, 0, 0],
    ...(options.appearance ? { AP: { N: formXObject(doc, options.appearance) } } : {}),
    V: signature,
    T: new String(options.fieldName ?? 'ITO-Signature'),
    F: 4 | 128, // Print, Locked
    P: doc.page.dictionary,
  });
  widget.end(undefined);
  (doc.page.annotations as unknown[]).push(widget);

  doc.initForm();
  const form = (doc as unknown as PdfKitCatalog)._root.data.AcroForm;
  if (!form) throw new Error('pdfkit did not create an AcroForm');
  delete form.data.NeedAppearances; // would invite viewers to rewrite appearances in a signed file
  form.data.SigFlags = 3; // SignaturesExist | AppendOnly
  form.data.Fields.push(widget);
}
