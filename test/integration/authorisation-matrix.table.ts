/**
 * Who may call each route of the API (issue 13), the table test/integration/authorisation-matrix.test.ts
 * checks against the routes the API publishes in /api/openapi.json: a route in neither MATRIX nor
 * PUBLIC fails that test, so a new route cannot be forgotten.
 *
 * The principals: anonymous; applicant A (the demo company) and applicant B (another company);
 * reviewer X (formal reviewers, the group A's application waits at) and reviewer Y (technical
 * reviewers); an administrator. A row names who is allowed; everyone else is denied: anonymous
 * with 401, the others with 403, or 404 where the object is hidden from them.
 *
 * Probes that would change what a later row needs send a body that fails validation after
 * authorisation (the roles are checked in onRequest, so a 400 shows the caller got past them), or
 * act on a throwaway object (the fixtures' withdrawable application, claimable task, revocable
 * authorisation). Checks made inside a handler need a valid body: those rows send one.
 */
import { samplePdf } from '../../scripts/lib/walk-steps';
import { pdfForm } from '../support/pdf-form';

export const PRINCIPALS = ['anonymous', 'applicantA', 'applicantB', 'reviewerX', 'reviewerY', 'admin'] as const;
export type Principal = (typeof PRINCIPALS)[number];
export type SignedIn = Exclude<Principal, 'anonymous'>;

/** The objects the probes name: applicant A's, unless said otherwise. */
export interface Fixtures {
  /** A's application waiting at the formal reviewers' task. */
  trackingNumber: string;
  /** Its formal-check task, offered to reviewer X's group. */
  taskId: string;
  /** A document A uploaded with it. */
  documentId: string;
  /** A file reviewer X attached to the task (X also commented on it). */
  attachmentId: string;
  /** A message A filed about the application. */
  feedbackNumber: string;
  /** A decided application of A: approved, its fee paid, its certificate issued. */
  decidedTrackingNumber: string;
  certificateNumber: string;
  paymentId: string;
  /** A second application of A, for the withdrawal row. */
  withdrawableTrackingNumber: string;
  /** The formal-check task of a third application of A, for the claim and unclaim rows. */
  claimableTaskId: string;
  /** A's authorisation of a counter office, for the revocation row. */
  authorisationId: string;
  applicantUserId: string;
  counterOfficeId: string;
  outboxDeliveryId: string;
  calendarId: string;
}

/** A JSON body, or a function making a fresh multipart body for each request. */
export type BodySource = object | (() => FormData);

export interface Probe {
  /** Path parameters the default fill (parameterDefaults) does not give. */
  params?: (f: Fixtures) => Record<string, string>;
  query?: string;
  body?: BodySource;
  /** The probe names no real object: an allowed caller's 404 still shows it got past authorisation. */
  absent?: true;
}

export interface Row extends Probe {
  allow: readonly SignedIn[];
}

/** A route anyone may call, with why it needs no login. */
export interface PublicRoute extends Probe {
  why: string;
}

/** Path parameters that mean the same object wherever they appear; `{id}` differs per route, so rows name it. */
export const parameterDefaults = (f: Fixtures): Record<string, string> => ({
  trackingNumber: f.trackingNumber,
  taskId: f.taskId,
  attachmentId: f.attachmentId,
  number: f.certificateNumber,
  key: 'software-technical-approval',
  version: '1',
});

const A = 'applicantA';
const B = 'applicantB';
const X = 'reviewerX';
const Y = 'reviewerY';
const ADMIN = 'admin';
const SIGNED_IN = [A, B, X, Y, ADMIN] as const;
/**
 * Reviewers and administrators see every application (services/access.ts isStaff): reviewers work
 * across groups, so reviewer Y reads A's application and its documents though its task waits at X's
 * group. By design, not a hole; the tasks themselves are X's group's alone (TASK_READERS).
 */
const STAFF = [X, Y, ADMIN] as const;
/** A's objects: A, and staff. */
const A_AND_STAFF = [A, ...STAFF] as const;
/** Whoever may see the formal-check task: its candidates (X's group) and administrators. */
const TASK_READERS = [X, ADMIN] as const;

/** Fails the body's schema: shows an allowed caller got past the role check in onRequest, and changes nothing. */
const INVALID = { unexpected: [1, 2, 3] };

/** A small PDF as a multipart upload. */
export const pdfUpload = (): FormData => pdfForm(samplePdf('authorisation matrix probe'), 'matrix-probe.pdf');

export const PUBLIC: Record<string, PublicRoute> = {
  'GET /api/health': { why: 'liveness, for the orchestrator' },
  'GET /api/ready': { why: 'readiness, for the orchestrator' },
  'POST /api/auth/login': { why: 'the sign-in itself', body: { username: 'applicant', password: 'demo' } },
  'GET /api/auth/options': { why: 'the sign-in page asks which ways to sign in are offered' },
  // OIDC is not configured in this run: both answer 404 (test/integration/oidc.test.ts runs them configured)
  'GET /api/auth/oidc/start': { why: 'a sign-in through the single sign-on begins before any login', absent: true },
  'GET /api/auth/oidc/callback': { why: "the provider's redirect back, checked against the browser's sealed sign-in cookie", query: 'code=probe&state=probe', absent: true },
  'POST /api/payments/callback': { why: "the payment gateway's result, authenticated by its signature", body: INVALID },
  'POST /api/public/verify': { why: 'anyone may check a certificate PDF', body: pdfUpload },
  'GET /api/public/certificates': { why: 'the public register' },
  'GET /api/public/register.csv': { why: 'the public register as open data' },
  'GET /api/public/certificates/{number}': { why: "a certificate's public record (its QR code points here)" },
  'GET /api/public/status-feed': { why: 'the public feed of status changes', query: 'since=2020-01-01T00:00:00Z' },
  'GET /api/public/catalogue': { why: 'the permit catalogue' },
  'GET /api/public/catalogue/{key}': { why: 'one service of the catalogue' },
  'GET /api/public/statistics': { why: 'the published service figures' },
  'GET /api/public/ca': { why: 'the CA certificates verifiers need' },
  // a JSON probe: refused 415 by the API itself, before the trust services are asked
  'POST /api/public/pki/tsa': { why: 'the time-stamping authority answers anyone (RFC 3161)', body: INVALID },
  'GET /api/public/pki/crl/{file}': { why: 'CRLs, fetched by validators from the CRL distribution point in certificates', params: () => ({ file: 'root.crl' }) },
  'GET /api/public/pki/certs/{file}': { why: 'CA certificates, fetched by validators from the caIssuers URL in certificates', params: () => ({ file: 'root.crt' }) },
  'POST /api/public/pki/ocsp': { why: 'the OCSP responder validators ask (its answers are signed)' },
  'GET /api/public/pki/ocsp/{*}': { why: 'the OCSP responder, GET form (RFC 6960 A.1)' },
  'POST /api/feedback': { why: 'the public may file feedback, signed in or not', body: INVALID },
  'GET /api/public/feedback/services': { why: 'what the feedback form offers' },
  'POST /api/public/feedback/lookup': { why: 'a sender without a login reads the answer with its code', body: INVALID },
};

export const MATRIX: Record<string, Row> = {
  // ---- the caller's own and the catalogue of processes: any signed-in user
  'GET /api/me': { allow: SIGNED_IN },
  'GET /api/definitions': { allow: SIGNED_IN },
  'GET /api/definitions/{key}/versions': { allow: SIGNED_IN },
  'GET /api/definitions/{key}/versions/{version}': { allow: SIGNED_IN },
  'GET /api/definitions/{key}/start-form': { allow: SIGNED_IN },
  'GET /api/calendars': { allow: SIGNED_IN },
  'GET /api/calendars/{id}': { allow: SIGNED_IN, params: (f) => ({ id: f.calendarId }) },
  // lists are scoped to the caller (the test's "lists" block checks B does not see A's)
  'GET /api/applications': { allow: SIGNED_IN },
  'GET /api/tasks': { allow: SIGNED_IN },
  'GET /api/tasks/queues': { allow: SIGNED_IN },
  'GET /api/notifications': { allow: SIGNED_IN },
  'GET /api/notifications/contact': { allow: SIGNED_IN },
  'GET /api/feedback/mine': { allow: SIGNED_IN },
  'GET /api/agents/offices': { allow: SIGNED_IN },
  'GET /api/agents/authorisations': { allow: SIGNED_IN },
  'PUT /api/notifications/contact': { allow: SIGNED_IN, body: INVALID },
  'POST /api/notifications/read': { allow: SIGNED_IN, body: { ids: ['matrix-probe'] } },
  'POST /api/documents': { allow: SIGNED_IN, body: pdfUpload },

  // ---- A's application and what hangs on it: A and staff; B is not shown it
  'GET /api/applications/{trackingNumber}': { allow: A_AND_STAFF },
  'GET /api/applications/{trackingNumber}/documents': { allow: A_AND_STAFF },
  'GET /api/documents/{id}': { allow: A_AND_STAFF, params: (f) => ({ id: f.documentId }) },
  'GET /api/documents/{id}/content': { allow: A_AND_STAFF, params: (f) => ({ id: f.documentId }) },
  'GET /api/applications/{trackingNumber}/payments': { allow: A_AND_STAFF, params: (f) => ({ trackingNumber: f.decidedTrackingNumber }) },
  'GET /api/certificates/{number}/pdf': { allow: A_AND_STAFF },
  // the registries' answers carry other people's personal data: staff only, not the applicant
  'GET /api/applications/{trackingNumber}/inquiries': { allow: STAFF },

  // ---- the applicant's own actions (role applicant, then the application must be its company's)
  'GET /api/applications/{trackingNumber}/satisfaction': { allow: [A] },
  // A's application is not decided yet: A gets 409, B must not learn even that
  'POST /api/applications/{trackingNumber}/satisfaction': { allow: [A], body: { rating: 5 } },
  // A's application was not rejected: A gets 409
  'POST /api/applications/{trackingNumber}/appeal': { allow: [A], body: { reason: 'authorisation matrix probe' } },
  // the fee is paid already: A gets 409
  'POST /api/payments/{id}/pay': { allow: [A], params: (f) => ({ id: f.paymentId }) },
  'POST /api/applications/{trackingNumber}/withdraw': { allow: [A], params: (f) => ({ trackingNumber: f.withdrawableTrackingNumber }), body: { reason: 'authorisation matrix probe' } },
  'POST /api/applications': { allow: [A, B], body: INVALID },
  'POST /api/agents/authorisations': { allow: [A, B], body: INVALID },
  // A revokes it; the administrator, after, gets 409 (already revoked)
  'POST /api/agents/authorisations/{id}/revoke': { allow: [A, ADMIN], params: (f) => ({ id: f.authorisationId }) },
  'GET /api/feedback/{trackingNumber}': { allow: [A, ADMIN], params: (f) => ({ trackingNumber: f.feedbackNumber }) },

  // ---- the formal-check task: its candidates (X's group); administrators read and annotate it but do not decide it
  'GET /api/tasks/{taskId}': { allow: TASK_READERS },
  'GET /api/tasks/{taskId}/comments': { allow: TASK_READERS },
  'GET /api/tasks/{taskId}/attachments': { allow: TASK_READERS },
  'GET /api/tasks/{taskId}/attachments/{attachmentId}': { allow: TASK_READERS },
  'POST /api/tasks/{taskId}/comments': { allow: TASK_READERS, body: { body: 'authorisation matrix probe' } },
  'POST /api/tasks/{taskId}/attachments': { allow: TASK_READERS, body: pdfUpload },
  // the form's required decision is missing: X gets 400 and the task stays open
  'POST /api/tasks/{taskId}/complete': { allow: [X], body: { values: {} } },
  // X claims the throwaway task; then X gives it back and the administrator finds it unclaimed (409)
  'POST /api/tasks/{taskId}/claim': { allow: [X], params: (f) => ({ taskId: f.claimableTaskId }) },
  'POST /api/tasks/{taskId}/unclaim': { allow: [X, ADMIN], params: (f) => ({ taskId: f.claimableTaskId }) },

  // ---- administrators only
  'GET /api/metrics': { allow: [ADMIN] },
  'POST /api/definitions': { allow: [ADMIN], body: INVALID },
  'POST /api/definitions/check': { allow: [ADMIN], body: INVALID },
  'GET /api/service-task-types': { allow: [ADMIN] },
  'POST /api/applications/{trackingNumber}/incidents/{incidentId}/retry': { allow: [ADMIN], params: () => ({ incidentId: 'matrix-no-such-incident' }), absent: true },
  'POST /api/applications/{trackingNumber}/migrate': { allow: [ADMIN], body: INVALID },
  'POST /api/applications/{trackingNumber}/clock': { allow: [ADMIN], body: INVALID },
  'POST /api/applications/{trackingNumber}/cancel': { allow: [ADMIN], body: INVALID },
  'POST /api/legal-deadlines/sweep': { allow: [ADMIN], body: INVALID },
  'POST /api/messages': { allow: [ADMIN], body: INVALID },
  'POST /api/signals': { allow: [ADMIN], body: INVALID },
  'PUT /api/calendars/{id}': { allow: [ADMIN], params: (f) => ({ id: f.calendarId }), body: INVALID },
  'GET /api/certificates': { allow: [ADMIN] },
  'POST /api/certificates/{number}/status-changes': { allow: [ADMIN], body: INVALID },
  'GET /api/outbox': { allow: [ADMIN] },
  'GET /api/outbox/{id}': { allow: [ADMIN], params: (f) => ({ id: f.outboxDeliveryId }) },
  'POST /api/outbox/{id}/retry': { allow: [ADMIN], params: () => ({ id: 'matrix-no-such-delivery' }), absent: true },
  'GET /api/payments': { allow: [ADMIN] },
  'POST /api/payments/reconcile': { allow: [ADMIN], body: INVALID },
  'GET /api/users': { allow: [ADMIN] },
  'POST /api/users': { allow: [ADMIN], body: INVALID },
  'GET /api/users/{id}': { allow: [ADMIN], params: (f) => ({ id: f.applicantUserId }) },
  'PUT /api/users/{id}/roles': { allow: [ADMIN], params: (f) => ({ id: f.applicantUserId }), body: INVALID },
  'PUT /api/users/{id}/active': { allow: [ADMIN], params: (f) => ({ id: f.applicantUserId }), body: INVALID },
  'PUT /api/users/{id}/password': { allow: [ADMIN], params: (f) => ({ id: f.applicantUserId }), body: INVALID },
  'GET /api/groups': { allow: [ADMIN] },
  'GET /api/groups/{id}': { allow: [ADMIN], params: () => ({ id: 'formal-reviewers' }) },
  'PUT /api/groups/{id}/members/{userId}': { allow: [ADMIN], params: () => ({ id: 'formal-reviewers', userId: 'matrix-no-such-user' }), absent: true },
  'DELETE /api/groups/{id}/members/{userId}': { allow: [ADMIN], params: () => ({ id: 'formal-reviewers', userId: 'matrix-no-such-user' }), absent: true },
  'GET /api/reports/summary': { allow: [ADMIN] },
  'GET /api/reports/satisfaction': { allow: [ADMIN] },
  'GET /api/counter-offices': { allow: [ADMIN] },
  'POST /api/counter-offices': { allow: [ADMIN], body: INVALID },
  'GET /api/counter-offices/{id}': { allow: [ADMIN], params: (f) => ({ id: f.counterOfficeId }) },
  'PUT /api/counter-offices/{id}/active': { allow: [ADMIN], params: (f) => ({ id: f.counterOfficeId }), body: INVALID },
  'GET /api/operations/instances': { allow: [ADMIN] },
  'GET /api/operations/instances/{trackingNumber}': { allow: [ADMIN] },
  'GET /api/operations/info': { allow: [ADMIN] },
  'GET /api/feedback': { allow: [ADMIN] },
  'POST /api/feedback/{trackingNumber}/answer': { allow: [ADMIN], params: (f) => ({ trackingNumber: f.feedbackNumber }), body: INVALID },
  'POST /api/feedback/{trackingNumber}/close': { allow: [ADMIN], params: (f) => ({ trackingNumber: f.feedbackNumber }) },
};
