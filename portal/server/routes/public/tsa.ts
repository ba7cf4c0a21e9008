/**
 * POST /api/public/pki/tsa: the public address of the RFC 3161 time-stamping authority. The API
 * holds no key, so it only checks the request (application/timestamp-query, at most 64 KB; 415 and
 * 413 otherwise, in the API's error shape), applies the public rate limit and forwards the bytes
 * to the trust-services process (trust-services/README.md), whose reply it returns as is.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { HttpError, RetryLater } from '../../plugins/errors';
import { PublicRateLimits, limitPerMinute } from '../../plugins/rate-limits';
import { errorSchema } from '../../schemas/common';
import { MAX_TIME_STAMP_REQUEST_BYTES } from '../../../../activities/certificates/timestamp/timestamp-request';
import { TIME_STAMP_QUERY, TIME_STAMP_REPLY } from '../../../../activities/certificates/timestamp/time-stamper';

const FORWARD_TIMEOUT_MS = 10_000;

const mediaTypeOf = (header: string | undefined): string => (header ?? '').split(';')[0].trim().toLowerCase();
const wrongType = () => new HttpError(415, 'unsupported_media_type', `send the DER time-stamp request as ${TIME_STAMP_QUERY}`);
const tooLarge = () => new HttpError(413, 'payload_too_large', `a time-stamp request is at most ${MAX_TIME_STAMP_REQUEST_BYTES} bytes`);

/** Reads the raw body of a time-stamp query, refusing another type or more than the limit before reading it all. */
function readQuery(request: FastifyRequest, payload: NodeJS.ReadableStream): Promise<Buffer> {
  if (mediaTypeOf(request.headers['content-type']) !== TIME_STAMP_QUERY) return Promise.reject(wrongType());
  if (Number(request.headers['content-length'] ?? 0) > MAX_TIME_STAMP_REQUEST_BYTES) return Promise.reject(tooLarge());
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    payload.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_TIME_STAMP_REQUEST_BYTES) {
        payload.removeAllListeners('data');
        payload.resume();
        reject(tooLarge());
        return;
      }
      chunks.push(chunk);
    });
    payload.on('end', () => resolve(Buffer.concat(chunks)));
    payload.on('error', reject);
  });
}

export async function publicTsaRoutes(app: FastifyInstance, { trustServicesUrl, limits }: { trustServicesUrl: string; limits: PublicRateLimits }): Promise<void> {
  // this plugin's scope only: every body is read raw, so the type and size checks are ours
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (request, payload, done) => {
    readQuery(request, payload).then((body) => done(null, body), (err: Error) => done(err, undefined));
  });

  app.post('/api/public/pki/tsa', {
    config: limitPerMinute(limits.lookupsPerMinute),
    schema: {
      tags: ['public'],
      summary: 'RFC 3161 time-stamping authority: POST a DER TimeStampReq as application/timestamp-query, get a DER TimeStampResp (application/timestamp-reply); no login',
      consumes: [TIME_STAMP_QUERY],
      produces: [TIME_STAMP_REPLY],
      response: { 200: { description: 'the DER TimeStampResp', type: 'string', format: 'binary' }, 413: errorSchema, 415: errorSchema, 429: errorSchema, 503: errorSchema },
    },
  }, async (request, reply) => {
    const body = request.body;
    if (!Buffer.isBuffer(body)) throw wrongType(); // no body, or no content type
    let answer: Response;
    try {
      answer = await fetch(`${trustServicesUrl}/tsa`, {
        method: 'POST', headers: { 'content-type': TIME_STAMP_QUERY }, body: new Uint8Array(body), signal: AbortSignal.timeout(FORWARD_TIMEOUT_MS),
      });
    } catch (err) {
      request.log.warn({ err }, 'trust services unavailable');
      throw new RetryLater(503, 'unavailable', 'the time-stamping authority is not reachable; try again shortly', 10);
    }
    const bytes = Buffer.from(await answer.arrayBuffer());
    if (!answer.ok || mediaTypeOf(answer.headers.get('content-type') ?? undefined) !== TIME_STAMP_REPLY) {
      request.log.warn({ status: answer.status }, 'trust services answered with an error');
      throw new RetryLater(503, 'unavailable', 'the time-stamping authority could not answer; try again shortly', 10);
    }
    return reply.status(200).type(TIME_STAMP_REPLY).header('cache-control', 'no-store').send(bytes);
  });
}
