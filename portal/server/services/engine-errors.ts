/** Maps the workflow's rejections of an update to HTTP errors the caller can act on. */
import { EngineRejection } from '../engine/engine-client';
import { FailureType } from '../../../workflows/errors';
import { HttpError, badRequest, forbidden, notFound } from '../plugins/errors';

export function rejectionToHttp(err: unknown): unknown {
  if (!(err instanceof EngineRejection)) return err;
  switch (err.type) {
    case FailureType.InvalidInput: {
      const errors = (err.details as { errors?: Record<string, string> } | undefined)?.errors;
      return badRequest(errors ? `the form has invalid fields: ${Object.keys(errors).join(', ')}` : 'the form has invalid fields', errors);
    }
    case FailureType.NotAuthorised:
      return forbidden(err.message);
    case FailureType.NotFound:
      return notFound(err.message);
    default:
      return new HttpError(409, 'rejected', err.message);
  }
}
