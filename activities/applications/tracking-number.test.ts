/**
 * Tracking numbers carry the family's code only for the family's own licence service: a process an
 * administrator deploys (or a renewal, a conversion) that issues the same certificate gets RQ, so the
 * families' reports and filters never count it.
 */
import type { ProcessGraph } from '../../workflows/graph/types';
import { REQUEST_CODE, TRACKING_NUMBER_PATTERN, newTrackingNumber, trackingCodeOf } from './tracking-number';

const issuing = { elements: { issue: { kind: 'serviceTask', taskType: 'issue-certificate', headers: { family: 'software-technical-approval' } } } } as unknown as ProcessGraph;

describe('tracking numbers', () => {
  it('take the family code of the certificate a licence service issues', () => {
    expect(trackingCodeOf('software-technical-approval', issuing)).toBe('TA');
  });

  it('are RQ for any other process, even one that issues a family\'s certificate', () => {
    expect(trackingCodeOf('my-technical-approval-variant', issuing)).toBe(REQUEST_CODE);
    expect(trackingCodeOf('paper-certificate-conversion', issuing)).toBe(REQUEST_CODE);
  });

  it('have the documented shape', () => {
    expect(newTrackingNumber('TA', new Date('2026-12-06T10:00:00Z'))).toMatch(new RegExp(TRACKING_NUMBER_PATTERN));
  });
});
