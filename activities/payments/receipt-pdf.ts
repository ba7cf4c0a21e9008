/**
 * The payment receipt (رسید پرداخت) as a PDF: Persian first, English beside it, the payment date in
 * Jalali with the Gregorian beside it. Unsigned: the gateway's signed result, kept on the payment
 * row, is the evidence; the receipt is the applicant's copy.
 */
import path from 'node:path';
import PDFDocument from 'pdfkit';
import { FONT_BOLD, FONT_REGULAR } from '../certificates/certificate-ornaments';
import { toPersianDigits } from '../certificates/digits';
import { formatGregorian, formatJalali } from '../certificates/jalali-date';
import { drawBidiLine } from '../certificates/persian-text';

const FONT_DIR = path.join(path.dirname(require.resolve('vazirmatn/package.json')), 'fonts', 'ttf');

export interface ReceiptInput {
  trackingNumber: string;
  serviceName: { fa: string; en: string };
  payer: { name: string; nationalId: string };
  amount: number;
  gatewayReference: string;
  orderId: string;
  paidAt: Date;
}

const groupDigits = (n: number) => n.toLocaleString('en-US');

export function renderReceiptPdf(input: ReceiptInput): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A5', layout: 'landscape', margin: 36, info: { Title: `Payment receipt ${input.trackingNumber}`, Creator: 'ITO licensing BPMS' } });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  doc.registerFont(FONT_REGULAR, path.join(FONT_DIR, 'Vazirmatn-Regular.ttf'));
  doc.registerFont(FONT_BOLD, path.join(FONT_DIR, 'Vazirmatn-Bold.ttf'));

  const left = 36;
  const width = doc.page.width - 72;
  const half = width / 2 - 8;
  const title = { font: FONT_BOLD, size: 16 };
  const body = { font: FONT_REGULAR, size: 10.5 };
  const muted = { font: FONT_REGULAR, size: 9, color: '#4a5a6a' };

  drawBidiLine(doc, 'رسید پرداخت الکترونیکی', title, { x: left, y: 30, width, align: 'right', base: 'rtl' });
  drawBidiLine(doc, 'Electronic payment receipt', { ...title, size: 13 }, { x: left, y: 56, width, align: 'left', base: 'ltr' });
  doc.moveTo(left, 80).lineTo(left + width, 80).strokeColor('#b08d3c').lineWidth(1).stroke();

  const rows: Array<[string, string, string, string]> = [
    ['شماره پیگیری درخواست', toPersianDigits(input.trackingNumber), 'Application tracking number', input.trackingNumber],
    ['خدمت', input.serviceName.fa, 'Service', input.serviceName.en],
    ['پرداخت‌کننده', `${input.payer.name} (${toPersianDigits(input.payer.nationalId)})`, 'Payer', `${input.payer.name} (${input.payer.nationalId})`],
    ['مبلغ', `${toPersianDigits(groupDigits(input.amount))} ریال`, 'Amount', `${groupDigits(input.amount)} IRR`],
    ['کد پیگیری درگاه', input.gatewayReference, 'Gateway reference', input.gatewayReference],
    ['شماره سفارش', input.orderId, 'Order', input.orderId],
    ['تاریخ پرداخت', `${formatJalali(input.paidAt)} (${formatGregorian(input.paidAt)})`, 'Paid on', `${formatGregorian(input.paidAt)} (${formatJalali(input.paidAt, { digits: 'latin' })} SH)`],
  ];
  let y = 94;
  for (const [faLabel, faValue, enLabel, enValue] of rows) {
    drawBidiLine(doc, `${faLabel}: ${faValue}`, body, { x: left + width - half, y, width: half, align: 'right', base: 'rtl' });
    drawBidiLine(doc, `${enLabel}: ${enValue}`, body, { x: left, y, width: half, align: 'left', base: 'ltr' });
    y += 24;
  }
  drawBidiLine(doc, 'این رسید بر پایه نتیجه امضاشده درگاه پرداخت صادر شده است.', muted, { x: left, y: y + 10, width, align: 'right', base: 'rtl' });
  drawBidiLine(doc, "Issued from the payment gateway's signed result.", muted, { x: left, y: y + 26, width, align: 'left', base: 'ltr' });
  doc.end();
  return done;
}
