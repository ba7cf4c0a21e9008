/** HTTP client of the degree verification service: POST <base>/verify {nationalId, degree, fieldOfStudy?}. */
import type { ConnectorFactory, DegreeAnswer, DegreeRecord, DegreeRequest } from '../connector';
import { isObject, malformedAnswer, postToRegistry } from '../registry-http';

function record(v: unknown): DegreeRecord {
  if (!isObject(v) || typeof v.degree !== 'string' || typeof v.fieldOfStudy !== 'string' || typeof v.university !== 'string' || typeof v.graduatedIn !== 'number') {
    malformedAnswer('degree-verification', 'a degree without degree, fieldOfStudy, university or graduatedIn');
  }
  return { degree: v.degree, fieldOfStudy: v.fieldOfStudy, university: v.university, graduatedIn: v.graduatedIn };
}

export const degreeVerificationClient: ConnectorFactory<DegreeRequest, DegreeAnswer> = (endpoint) => ({
  registry: 'degree-verification',
  async ask(request) {
    const a = await postToRegistry('degree-verification', endpoint, '/verify', request);
    if (!isObject(a) || typeof a.verified !== 'boolean' || !Array.isArray(a.degrees)) return malformedAnswer('degree-verification', '"verified" or "degrees" is missing');
    return { nationalId: request.nationalId, verified: a.verified, degrees: a.degrees.map(record) };
  },
});
