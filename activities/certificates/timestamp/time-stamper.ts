/**
 * What a signer calls to get a signature time-stamp: a function from the SHA-256 imprint to the
 * token's DER. Built over a transport (the in-process TSA, or HTTP to the trust-services process);
 * every reply is checked before its token is used, and a failure throws (a retryable activity error).
 */
import { buildTimeStampRequest, MAX_TIME_STAMP_REQUEST_BYTES } from './timestamp-request';
import { checkTimeStampReply } from './timestamp-reply';
import type { TimeStampAuthority } from './time-stamp-authority';
import type { TimeStampTrust } from './timestamp-token';

/** SHA-256 imprint of the stamped data → DER time-stamp token. */
export type TimeStamper = (imprint: Buffer) => Promise<Buffer>;

/** Sends a DER TimeStampReq, resolves with the DER TimeStampResp. */
export type TimeStampTransport = (requestDer: Buffer) => Promise<Buffer>;

export class TimeStampFailure extends Error {
  constructor(message: string) {
    super(`time-stamp: ${message}`);
    this.name = 'TimeStampFailure';
  }
}

export function timeStamperOver(transport: TimeStampTransport, trust: TimeStampTrust): TimeStamper {
  return async (imprint) => {
    if (imprint.length !== 32) throw new TimeStampFailure('the imprint must be a SHA-256 digest');
    const { der, request } = buildTimeStampRequest({ hash: 'sha256', hashedMessage: imprint });
    const check = checkTimeStampReply(await transport(der), request, trust);
    if (!check.ok) throw new TimeStampFailure(check.problem);
    return check.token;
  };
}

/** The TSA in this process (the worker's own PKI, when no TSA_URL is configured). */
export const inProcessTimeStamper = (tsa: TimeStampAuthority, trust: TimeStampTrust): TimeStamper => timeStamperOver(async (der) => tsa.respond(der), trust);

export const TIME_STAMP_QUERY = 'application/timestamp-query';
export const TIME_STAMP_REPLY = 'application/timestamp-reply';

/** A TSA over HTTP (RFC 3161 §3.4): POST application/timestamp-query, expect application/timestamp-reply. */
export function httpTimeStamper(url: string, trust: TimeStampTrust, { timeoutMs = 10_000 }: { timeoutMs?: number } = {}): TimeStamper {
  return timeStamperOver(async (der) => {
    let response: Response;
    try {
      response = await fetch(url, { method: 'POST', headers: { 'content-type': TIME_STAMP_QUERY }, body: new Uint8Array(der), signal: AbortSignal.timeout(timeoutMs) });
    } catch (err) {
      throw new TimeStampFailure(`${url} did not answer: ${(err as Error).message}`);
    }
    const type = response.headers.get('content-type') ?? '';
    if (!response.ok) throw new TimeStampFailure(`${url} answered HTTP ${response.status}`);
    if (type.split(';')[0].trim().toLowerCase() !== TIME_STAMP_REPLY) throw new TimeStampFailure(`${url} answered ${type || 'no content type'}, not ${TIME_STAMP_REPLY}`);
    const body = Buffer.from(await response.arrayBuffer());
    if (body.length > MAX_TIME_STAMP_REQUEST_BYTES) throw new TimeStampFailure(`${url} answered ${body.length} bytes, more than a reply holds`);
    return body;
  }, trust);
}
