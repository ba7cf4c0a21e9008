/** HTTP client of the national identity service (Shahkar-style): POST <base>/match {nationalId, mobile}. */
import type { ConnectorFactory, IdentityAnswer, IdentityRequest } from '../connector';
import { isObject, malformedAnswer, postToRegistry } from '../registry-http';

export const nationalIdentityClient: ConnectorFactory<IdentityRequest, IdentityAnswer> = (endpoint) => ({
  registry: 'national-identity',
  async ask(request) {
    const a = await postToRegistry('national-identity', endpoint, '/match', request);
    if (!isObject(a) || typeof a.match !== 'boolean') return malformedAnswer('national-identity', '"match" is missing');
    return { nationalId: request.nationalId, match: a.match };
  },
});
