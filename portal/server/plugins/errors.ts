/**
 * One error shape for the whole API: `{ error, message, errors? }` with a 4xx status for anything
 * the caller can fix; 5xx answers are generic and logged.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { applySecurityHeaders } from './security-headers';
import { unavailableOf } from './unavailable';

export class HttpError extends Error {
  constructor(
    readonly statusCode: number,
    readonly code: string,
    message: string,
    /** Field errors, keyed by field name (react-admin's server-side validation shape). */
    readonly errors?: Record<string, string>,
    /** More fields of the error body, e.g. the problems of a rejected BPMN deploy. */
    readonly extra?: Record<string, unknown>,
  ) {
    super(message);
  }
}

/** A refusal the caller may simply repeat later: answered with a Retry-After header. */
export class RetryLater extends HttpError {
  constructor(statusCode: 429 | 503, code: string, message: string, readonly retryAfterSeconds: number) {
    super(statusCode, code, message);
  }
}

export const badRequest = (message: string, errors?: Record<string, string>) => new HttpError(400, 'bad_request', message, errors);
export const notFound = (message: string) => new HttpError(404, 'not_found', message);
export const forbidden = (message: string) => new HttpError(403, 'forbidden', message);
export const conflict = (message: string) => new HttpError(409, 'conflict', message);

/** The `error` of a 4xx answer that no route of ours raised (a body too large, a media type not taken, …). */
const CLIENT_ERRORS: Record<number, string> = {
  400: 'bad_request', 401: 'unauthorised', 403: 'forbidden', 404: 'not_found', 405: 'method_not_allowed', 406: 'not_acceptable',
  408: 'request_timeout', 409: 'conflict', 411: 'length_required', 413: 'payload_too_large', 414: 'uri_too_long',
  415: 'unsupported_media_type', 429: 'too_many_requests', 431: 'headers_too_large',
};

/**
 * Fastify's `frameworkErrors`: a URL it cannot route (a bad %-escape, a too long parameter) gets the
 * API's error shape too, rather than the framework's own body with its FST_ERR_ code.
 */
export function answerFrameworkError(err: FastifyError, request: FastifyRequest, reply: FastifyReply): void {
  applySecurityHeaders(request, reply); // no onSend hook runs for these
  const status = err.statusCode && err.statusCode < 500 ? err.statusCode : 400;
  reply.status(status).send({ error: CLIENT_ERRORS[status] ?? 'bad_request', message: err.message });
}

export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | HttpError, request, reply) => {
    if (err instanceof HttpError) {
      if (err instanceof RetryLater) void reply.header('Retry-After', String(err.retryAfterSeconds));
      return reply.status(err.statusCode).send({ error: err.code, message: err.message, ...(err.errors ? { errors: err.errors } : {}), ...err.extra });
    }
    if ((err as FastifyError).validation) {
      return reply.status(400).send({ error: 'validation_failed', message: `invalid request: ${err.message}` });
    }
    const down = unavailableOf(err);
    if (down) {
      request.log.warn({ service: down.service, err: (err as { cause?: unknown }).cause ?? err }, `${down.service} unavailable`);
      return reply.status(503).header('Retry-After', String(down.retryAfterSeconds)).send({ error: 'unavailable', message: down.message, service: down.service });
    }
    const status = (err as FastifyError).statusCode ?? 500;
    // the framework's and plugins' own codes (FST_ERR_…) say what runs the API: the answer names the status instead
    if (status < 500) return reply.status(status).send({ error: CLIENT_ERRORS[status] ?? 'bad_request', message: err.message });
    request.log.error({ err }, 'request failed');
    return reply.status(500).send({ error: 'internal_error', message: 'Internal Server Error' });
  });
  app.setNotFoundHandler((request, reply) => {
    reply.status(404).send({ error: 'not_found', message: `no route ${request.method} ${request.url.split('?')[0]}` });
  });
}
