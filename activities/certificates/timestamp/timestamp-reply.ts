/**
 * The client side of RFC 3161: reads a TimeStampResp and checks it answers the request sent
 * (status granted, the same imprint and nonce, a token that verifies and chains to the roots).
 *
 *   TimeStampResp ::= SEQUENCE { status PKIStatusInfo, timeStampToken ContentInfo OPTIONAL }
 *   PKIStatusInfo ::= SEQUENCE { status INTEGER, statusString SEQUENCE OF UTF8String OPTIONAL, failInfo BIT STRING OPTIONAL }
 */
import { bytesOf, children, readTlv, TAG, valueOf } from '../der-reader';
import { FAILURE_BIT, TimeStampRequest } from './timestamp-request';
import { TimeStampTrust, verifyTimeStampToken } from './timestamp-token';

export interface TimeStampReply {
  status: number;
  statusText: string[];
  /** Names of the PKIFailureInfo bits set (badAlg, badRequest…; bit<n> for others). */
  failInfo: string[];
  token: Buffer | null;
}

const BIT_NAMES = new Map<number, string>(Object.entries(FAILURE_BIT).map(([name, bit]) => [bit, name]));

function readFailInfo(value: Buffer): string[] {
  const names: string[] = [];
  for (let byte = 1; byte < value.length; byte++) {
    for (let bit = 0; bit < 8; bit++) {
      if (value[byte] & (0x80 >> bit)) {
        const n = (byte - 1) * 8 + bit;
        names.push(BIT_NAMES.get(n) ?? `bit${n}`);
      }
    }
  }
  return names;
}

/** Throws on malformed DER. */
export function parseTimeStampReply(der: Buffer): TimeStampReply {
  const outer = readTlv(der, 0);
  if (outer.tag !== TAG.SEQUENCE || outer.end !== der.length) throw new Error('the reply is not one DER SEQUENCE');
  const [statusInfo, token] = children(der, outer);
  if (statusInfo?.tag !== TAG.SEQUENCE) throw new Error('the reply has no PKIStatusInfo');
  const [status, ...rest] = children(der, statusInfo);
  if (status?.tag !== TAG.INTEGER) throw new Error('the PKIStatusInfo has no status');
  const text = rest.find((f) => f.tag === TAG.SEQUENCE);
  const failInfo = rest.find((f) => f.tag === TAG.BIT_STRING);
  return {
    status: valueOf(der, status).readIntBE(0, Math.min(valueOf(der, status).length, 6)),
    statusText: text ? children(der, text).map((s) => valueOf(der, s).toString('utf8')) : [],
    failInfo: failInfo ? readFailInfo(valueOf(der, failInfo)) : [],
    token: token ? Buffer.from(bytesOf(der, token)) : null,
  };
}

export type ReplyCheck = { ok: true; token: Buffer; time: Date } | { ok: false; problem: string };

/** Whether `replyDer` grants a time-stamp for `request` that verifies under `trust`; never throws. */
export function checkTimeStampReply(replyDer: Buffer, request: TimeStampRequest, trust: TimeStampTrust): ReplyCheck {
  let reply: TimeStampReply;
  try {
    reply = parseTimeStampReply(replyDer);
  } catch (err) {
    return { ok: false, problem: `unreadable time-stamp reply: ${(err as Error).message}` };
  }
  if (reply.status > 1 || !reply.token) {
    return { ok: false, problem: `the TSA refused (status ${reply.status}${reply.failInfo.length ? `, ${reply.failInfo.join(', ')}` : ''}${reply.statusText.length ? `: ${reply.statusText.join(' ')}` : ''})` };
  }
  const check = verifyTimeStampToken(reply.token, { imprint: request.imprint }, trust);
  if (!check.valid || !check.tstInfo || !check.time) return { ok: false, problem: check.problem ?? 'the time-stamp token does not verify' };
  const echoed = check.tstInfo.nonce;
  if (request.nonce && !(echoed && echoed.equals(request.nonce))) return { ok: false, problem: 'the reply does not carry the request\'s nonce' };
  if (request.policy && check.tstInfo.policy !== request.policy) return { ok: false, problem: `the reply is under policy ${check.tstInfo.policy}, not the one asked for` };
  return { ok: true, token: reply.token, time: check.time };
}
