/**
 * A local SMTP sink: accepts every message and keeps it, so e-mail notices can be read without a
 * mail server. `npm start` runs one (messages written to data/mail/ as .eml files); tests run one on
 * a free port and read what it received. Not for production: it accepts mail from anyone who connects.
 */
import fs from 'node:fs';
import path from 'node:path';
import { SMTPServer } from 'smtp-server';
import { simpleParser } from 'mailparser';

export interface ReceivedMail {
  messageId: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
}

export interface MailSink {
  port: number;
  received: ReceivedMail[];
  /** Recipients the sink refuses (RCPT TO answered 550) while this returns true: tests make deliveries fail with it. */
  refuse: (address: string) => boolean;
  close(): Promise<void>;
}

export async function startMailSink({ port, host = '127.0.0.1', dir }: { port: number; host?: string; dir?: string }): Promise<MailSink> {
  const sink: MailSink = { port, received: [], refuse: () => false, close: async () => undefined };
  if (dir) fs.mkdirSync(dir, { recursive: true });
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onRcptTo(address, _session, callback) {
      if (sink.refuse(address.address)) {
        const err = new Error(`mailbox ${address.address} unavailable`) as Error & { responseCode: number };
        err.responseCode = 550;
        return callback(err);
      }
      callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks);
        simpleParser(raw)
          .then((mail) => {
            const messageId = mail.messageId ?? '';
            const headers: Record<string, string> = {};
            for (const [k, v] of mail.headers) if (typeof v === 'string') headers[k] = v;
            sink.received.push({ messageId, to: session.envelope.rcptTo.map((r) => r.address), subject: mail.subject ?? '', text: mail.text ?? '', html: typeof mail.html === 'string' ? mail.html : '', headers });
            if (dir) fs.writeFileSync(path.join(dir, `${new Date().toISOString().replace(/[:.]/g, '-')}-${messageId.replace(/[^A-Za-z0-9.@-]/g, '_')}.eml`), raw);
            callback();
          })
          .catch((err: Error) => callback(err));
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve());
  });
  server.on('error', (err) => console.error(`mail sink: ${err.message}`));
  sink.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return sink;
}
