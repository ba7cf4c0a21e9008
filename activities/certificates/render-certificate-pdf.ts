/**
 * Renders an unsigned certificate PDF with an empty signature waiting for signPdf.
 * The certificate number is also written to the Info dictionary (Title and the custom
 * key CertificateNumber) so verifiers can read it without parsing content streams.
 */
import path from 'node:path';
import PDFDocument from 'pdfkit';
import QRCode from 'qrcode';
import { parseCertificateNumber } from './certificate-number';
import type { CertificateTemplate } from './certificate-template';
import { drawCertificatePage, FieldValue } from './certificate-layout';
import { CertificateSubject, describeProblems, printedValues, readSubject } from './certificate-subject';
import { FONT_BOLD, FONT_REGULAR } from './certificate-ornaments';
import { toPersianDigits } from './digits';
import { formatGregorian, formatJalali } from './jalali-date';
import { qrSegments } from './offline-qr/qr-text';
import { INFO_CERTIFICATE_NUMBER } from './pdf-info';
import { recordSha256, shortRecordHash } from './record-hash';
import { addSignaturePlaceholder } from './signature-placeholder';
import { DEFAULT_EMBLEM_FILE, loadCertificateEmblem } from './certificate-emblem';
import { drawSeal, SEAL_BOX } from './certificate-seal';
import { declarePdfA3b } from './pdfa-conformance';
import { beginTaggedDocument } from './text-tagging';

export interface CertificatePdfInput {
  number: string;
  holder: { name: string; nationalId: string };
  /** Keyed by the template's field variables, as readSubject gives it and the record stores it. */
  subject: CertificateSubject;
  issuedAt: Date;
  expiresAt: Date;
  verifyUrl: string;
  /**
   * What the QR code holds: the verify link, `#` and the signed offline payload (offline-qr/);
   * the link alone when absent.
   */
  qrText?: string;
  trackingNumber: string;
}

export interface RenderOptions {
  /** /M of the signature dictionary; defaults to now. */
  signingTime?: Date;
  /** The emblem image; defaults to definitions/certificate-templates/emblem.png. */
  emblemFile?: string;
}


const FONT_DIR = path.join(path.dirname(require.resolve('vazirmatn/package.json')), 'fonts', 'ttf');

function checkInput(input: CertificatePdfInput, template: CertificateTemplate): { number: string; subject: CertificateSubject } {
  const parsed = parseCertificateNumber(input.number);
  if (!parsed.ok) throw new Error(`certificate number ${JSON.stringify(input.number)}: ${parsed.message}`);
  if (parsed.family !== template.family) {
    throw new Error(`certificate number family ${parsed.family} does not match template ${template.key} (${template.family})`);
  }
  if (Number.isNaN(input.issuedAt.getTime()) || Number.isNaN(input.expiresAt.getTime())) throw new Error('issuedAt and expiresAt must be valid dates');
  if (input.expiresAt <= input.issuedAt) throw new Error('expiresAt must be after issuedAt');
  let url: URL;
  try {
    url = new URL(input.verifyUrl);
  } catch {
    throw new Error(`verifyUrl is not a URL: ${JSON.stringify(input.verifyUrl)}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('verifyUrl must be http(s)');
  if (input.qrText !== undefined && !input.qrText.startsWith(`${input.verifyUrl}#`)) throw new Error('qrText must be the verify link, "#" and the payload');
  for (const [name, value] of Object.entries({
    'holder.name': input.holder.name,
    'holder.nationalId': input.holder.nationalId,
    trackingNumber: input.trackingNumber,
  })) {
    if (typeof value !== 'string' || value.trim() === '') throw new Error(`${name} must be a non-empty string`);
  }
  const reading = readSubject(template, input.subject);
  if (!reading.ok) throw new Error(`subject of ${template.key}: ${describeProblems(reading.problems)}`);
  // Print exactly what the record holds: the hash is over the stored subject.
  const stray = Object.keys(input.subject).filter((key) => !template.fields.some((f) => f.variable === key));
  if (stray.length) throw new Error(`subject of ${template.key}: ${stray.map((k) => JSON.stringify(k)).join(', ')} is not a field of the template`);
  return { number: parsed.number, subject: reading.subject };
}

function collect(doc: InstanceType<typeof PDFDocument>): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
}

export async function renderCertificatePdf(
  input: CertificatePdfInput,
  template: CertificateTemplate,
  options: RenderOptions = {},
): Promise<Buffer> {
  const { number, subject } = checkInput(input, template);
  const emblem = loadCertificateEmblem(options.emblemFile ?? DEFAULT_EMBLEM_FILE);
  const qrPng = await QRCode.toBuffer(qrSegments(input.qrText ?? input.verifyUrl), {
    type: 'png',
    errorCorrectionLevel: 'M',
    margin: 1,
    scale: 8,
    color: { dark: '#0d2240', light: '#ffffff' },
  });

  const doc = new PDFDocument({
    size: 'A4',
    margin: 0,
    pdfVersion: '1.7',
    tagged: true,
    lang: 'fa-IR',
    displayTitle: true,
    info: {
      Title: `${template.title.en} ${number}`,
      Subject: `${template.title.fa} ${number}`,
      Author: template.issuer.en,
      Creator: 'ITO licensing BPMS',
      Keywords: `${number} ${input.trackingNumber}`,
    },
  });
  (doc.info as Record<string, unknown>)[INFO_CERTIFICATE_NUMBER] = number;
  const done = collect(doc);
  beginTaggedDocument(doc);

  doc.registerFont(FONT_REGULAR, path.join(FONT_DIR, 'Vazirmatn-Regular.ttf'));
  doc.registerFont(FONT_BOLD, path.join(FONT_DIR, 'Vazirmatn-Bold.ttf'));
  doc.font(FONT_REGULAR);

  const { labels } = template;
  const field = (label: FieldValue['label'], fa: string, en: string = fa): FieldValue => ({ label, fa, en });
  const hash = recordSha256({ number, family: template.key, holder: input.holder, subject: input.subject, issuedAt: input.issuedAt, expiresAt: input.expiresAt });
  drawCertificatePage(doc, {
    template,
    number,
    holder: field(labels.holder, input.holder.name),
    nationalId: field(labels.nationalId, toPersianDigits(input.holder.nationalId), input.holder.nationalId),
    subject: printedValues(template, subject),
    issueDate: field(labels.issueDate, formatJalali(input.issuedAt, { digits: 'fa' }), formatGregorian(input.issuedAt)),
    expiryDate: field(labels.expiryDate, formatJalali(input.expiresAt, { digits: 'fa' }), formatGregorian(input.expiresAt)),
    verifyUrl: input.verifyUrl,
    trackingNumber: input.trackingNumber,
    recordHash: shortRecordHash(hash),
    qrPng,
    emblem,
  });

  addSignaturePlaceholder(doc, {
    reason: `${template.title.en} ${number}`,
    location: 'Tehran, IR',
    name: template.issuer.en,
    signingTime: options.signingTime ?? new Date(),
    appearance: { box: SEAL_BOX, draw: () => drawSeal(doc, template) },
  });
  declarePdfA3b(doc);
  doc.end();
  return done;
}
