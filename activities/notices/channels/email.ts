/**
 * The e-mail channel: nodemailer over SMTP. The Message-ID is derived from the delivery's id, so a
 * message sent again after a crash (sent, but not yet recorded as sent) is recognisably the same one.
 */
import nodemailer from 'nodemailer';
import type { Transporter } from 'nodemailer';

export interface EmailMessage {
  id: string;
  to: string;
  subjectFa: string;
  subjectEn: string;
  bodyFa: string;
  bodyEn: string;
  event: string;
}

export interface EmailSender {
  send(message: EmailMessage): Promise<{ messageId: string }>;
  close(): void;
}

export interface SmtpSettings { host: string; port: number; from: string }

export const messageIdFor = (deliveryId: string) => `<notice-${deliveryId}@notices.ito.local>`;

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const paragraphs = (text: string) => text.split(/\n+/).map((p) => `<p dir="auto">${escapeHtml(p)}</p>`).join('');

export function createSmtpSender(smtp: SmtpSettings): EmailSender {
  const transport: Transporter = nodemailer.createTransport({ host: smtp.host, port: smtp.port, secure: false, ignoreTLS: true, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 20_000 });
  return {
    async send(m) {
      const messageId = messageIdFor(m.id);
      await transport.sendMail({
        from: smtp.from,
        to: m.to,
        subject: `${m.subjectFa} | ${m.subjectEn}`,
        messageId,
        headers: { 'X-ITO-Notice-Event': m.event, 'X-ITO-Delivery': m.id },
        text: `${m.bodyFa}\n\n---\n\n${m.bodyEn}\n`,
        html: `<div lang="fa" dir="rtl"><h2 dir="auto">${escapeHtml(m.subjectFa)}</h2>${paragraphs(m.bodyFa)}</div><hr><div lang="en" dir="ltr"><h2 dir="auto">${escapeHtml(m.subjectEn)}</h2>${paragraphs(m.bodyEn)}</div>`,
      });
      return { messageId };
    },
    close: () => transport.close(),
  };
}
