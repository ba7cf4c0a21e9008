/**
 * One error shape for the whole API: `{ error, message, errors? }` with a 4xx status for anything
 * the caller can fix; 5xx answers are generic and logged.
 */
import type { FastifyError, FastifyInstance } from 'fastify';

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

export const badRequest = (message: string, errors?: Record<string, string>) => new HttpError(400, 'bad_request', message, errors);
export const notFound = (message: string) => new HttpError(404, 'not_found', message);
export const forbidden = (message: string) => new HttpError(403, 'forbidden', message);
export const conflict = (message: string) => new HttpError(409, 'conflict', message);

export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | HttpError, request, reply) => {
    if (err instanceof HttpError) {
      return reply.status(err.statusCode).send({ error: err.code, message: err.message, ...(err.errors ? { errors: err.errors } : {}), ...err.extra });
    }
    if ((err as FastifyError).validation) {
      return reply.status(400).send({ error: 'validation_failed', message: `invalid request: ${err.message}` });
    }
    const status = (err as FastifyError).statusCode ?? 500;
    if (status < 500) return reply.status(status).send({ error: (err as FastifyError).code ?? 'bad_request', message: err.message });
    request.log.error({ err }, 'request failed');
    return reply.status(500).send({ error: 'internal_error', message: 'Internal Server Error' });
  });
  app.setNotFoundHandler((request, reply) => {
    reply.status(404).send({ error: 'not_found', message: `no route ${request.method} ${request.url.split('?')[0]}` });
  });
}
