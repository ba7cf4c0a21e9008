/**
 * The SMS channel. Every SMS goes out from the regulator's number under the 4040 prefix (Payam Iran,
 * regulations-digest §6: SMS outside it is prohibited), through a provider. The default provider
 * appends each message as one JSON line to a log file (data/sms/4040.log), for development and tests;
 * a Payam Iran web-service provider implements the same interface.
 */
import fs from 'node:fs';
import path from 'node:path';

export const SMS_SENDER = '4040';

export interface SmsMessage {
  /** The delivery's id: a resend after a crash carries the same one. */
  id: string;
  to: string;
  text: string;
  /** The notice's event key, for tracing. */
  event: string;
}

export interface SmsProvider {
  /** Sends the message (exactly once per `id` where the provider can tell); answers the provider's message id. */
  send(message: SmsMessage): Promise<{ providerId: string }>;
}

/** One line of the 4040 log. */
export interface SmsLogLine { at: string; from: string; to: string; id: string; event: string; text: string }

export function readSmsLog(file: string): SmsLogLine[] {
  if (!fs.existsSync(file)) return [];
  return fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as SmsLogLine);
}

export class LogFileSmsProvider implements SmsProvider {
  constructor(private readonly file: string) {}

  async send(message: SmsMessage): Promise<{ providerId: string }> {
    const providerId = `${SMS_SENDER}-${message.id}`;
    // a resend after a crash between writing and recording finds its line and writes nothing
    if (readSmsLog(this.file).some((l) => l.id === message.id)) return { providerId };
    const line: SmsLogLine = { at: new Date().toISOString(), from: SMS_SENDER, to: message.to, id: message.id, event: message.event, text: message.text };
    await fs.promises.mkdir(path.dirname(this.file), { recursive: true });
    await fs.promises.appendFile(this.file, `${JSON.stringify(line)}\n`, 'utf8');
    return { providerId };
  }
}
