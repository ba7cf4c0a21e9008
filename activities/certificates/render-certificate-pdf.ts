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
import { FONT_BOLD, FONT_REGULAR } from './certificate-ornaments';
import { toPersianDigits } from './digits';
import { formatGregorian, formatJalali } from './jalali-date';
import { INFO_CERTIFICATE_NUMBER } from './pdf-info';
import { addSignaturePlaceholder } from './signature-placeholder';

export interface CertificatePdfInput {
  number: string;
  holder: { name: string; nationalId: string };
  subject: { productName: string; productVersion: string; platform: string; description?: string };
  issuedAt: Date;
  expiresAt: Date;
  verifyUrl: string;
  trackingNumber: string;
}

export interface RenderOptions {
  /** /M of the signature dictionary; defaults to now. */
  signingTime?: Date;
}


const FONT_DIR = path.join(path.dirname(require.resolve('vazirmatn/package.json')), 'fonts', 'ttf');

function checkInput(input: CertificatePdfInput, template: CertificateTemplate): string {
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
  for (const [name, value] of Object.entries({
    'holder.name': input.holder.name,
    'holder.nationalId': input.holder.nationalId,
    'subject.productName': input.subject.productName,
    'subject.productVersion': input.subject.productVersion,
    'subject.platform': input.subject.platform,
    trackingNumber: input.trackingNumber,
  })) {
    if (typeof value !== 'string' || value.trim() === '') throw new Error(`${name} must be a non-empty string`);
  }
  return parsed.number;
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
  const number = checkInput(input, template);
  const qrPng = await QRCode.toBuffer(input.verifyUrl, {
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

  doc.registerFont(FONT_REGULAR, path.join(FONT_DIR, 'Vazirmatn-Regular.ttf'));
  doc.registerFont(FONT_BOLD, path.join(FONT_DIR, 'Vazirmatn-Bold.ttf'));
  doc.font(FONT_REGULAR);

  const { labels } = template;
  const field = (label: FieldValue['label'], fa: string, en: string = fa): FieldValue => ({ label, fa, en });
  drawCertificatePage(doc, {
    template,
    number,
    holder: field(labels.holder, input.holder.name),
    nationalId: field(labels.nationalId, toPersianDigits(input.holder.nationalId), input.holder.nationalId),
    product: field(labels.subject, input.subject.productName),
    version: field(labels.version, input.subject.productVersion),
    platform: field(labels.platform, input.subject.platform),
    issueDate: field(labels.issueDate, formatJalali(input.issuedAt, { digits: 'fa' }), formatGregorian(input.issuedAt)),
    expiryDate: field(labels.expiryDate, formatJalali(input.expiresAt, { digits: 'fa' }), formatGregorian(input.expiresAt)),
    description: input.subject.description?.trim() || undefined,
    verifyUrl: input.verifyUrl,
    trackingNumber: input.trackingNumber,
    qrPng,
  });

  addSignaturePlaceholder(doc, {
    reason: `${template.title.en} ${number}`,
    location: 'Tehran, IR',
    name: template.issuer.en,
    signingTime: options.signingTime ?? new Date(),
  });
  doc.end();
  return done;
}
