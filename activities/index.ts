/**
 * All activities the interpreter workflow can call, built from their dependencies. The worker is
 * the only caller; see temporal/worker.ts.
 */
import type { EngineActivities } from '../workflows/activities-api';
import type { Db } from '../prisma/client';
import { createApplicationActivities } from './applications/application-status';
import { createCalendarActivities } from './calendars/load-calendar';
import { createIssueCertificate } from './certificates/issue-certificate';
import type { ValidationDataSource } from './certificates/ltv/pki-validation-data';
import type { Pki } from './certificates/pki';
import { pkiTimeStamper } from './certificates/timestamp/pki-time-stamper';
import type { TimeStamper } from './certificates/timestamp/time-stamper';
import type { RevocationPublisher } from './certificates/revocation/publish';
import { createRevocationActivities } from './certificates/revocation/revocation-activities';
import { createMessagingActivities } from './messaging/messaging-activities';
import { createNotifyApplicant } from './notifications/notify-applicant';
import { withIssuedNotice, withStatusNotice } from './notices/certificate-notices';
import { createProcessActivities } from './processes/resolve-called-process';
import { createChangeCertificateStatus } from './certificates/change-status';
import { createCheckRenewal } from './certificates/check-renewal';
import { createCheckPaperClaim } from './certificates/check-paper-claim';
import { createServiceTaskRunner, type ServiceTaskHandler } from './service-tasks/registry';
import { createUserTaskActivities } from './user-tasks/user-task-records';
import { createCheckRegisterHolder } from './registers/check-holder';
import { createCheckPrerequisite } from './registers/check-prerequisite';
import { createCheckNationalIds } from './identity/check-national-ids';
import { createRuleOnApplication } from './rulings/rule-on-application';
import { createDeadlineActivities } from './deadlines/deadline-activities';
import { createInquiryHandlers, httpConnectors } from './inquiries';
import { loadRegistriesConfig, type RegistriesConfig } from '../config/registries';
import { createRequestPayment } from './payments/request-payment';
import { createRefundBeforeReview } from './payments/refund-before-review';
import type { PaymentGateway } from './payments/gateway';
import { createHttpGateway } from './payments/http-gateway';
import { loadPaymentGatewayConfig } from '../config';

export interface ActivityDeps {
  db: Db;
  pki: Pki;
  /** Time-stamps certificate signatures; by default the TSA of `pki` in this process (the worker sets TSA_URL's). */
  timeStamper?: TimeStamper;
  publicBaseUrl: string;
  /** The external registries inquiries ask; by default from the environment (config/registries.ts). */
  registries?: RegistriesConfig;
  /** Where refunds go; by default the gateway of the environment (PAYMENT_GATEWAY_URL, PAYMENT_GATEWAY_SECRET). */
  paymentGateway?: PaymentGateway;
  /** Where the per-family service files are read (definitions/ by default; tests give a folder of test families). */
  definitionsDir?: string;
  /** Fault injection for crash tests only (see temporal/worker-main.ts). */
  afterMint?: (number: string) => void;
  afterTaskOpened?: (taskId: string) => void;
  /** Publishes CRLs and OCSP answers (the worker's; absent in tests that need none). */
  revocationPublisher?: RevocationPublisher;
  /** Validation data for issued PDFs' DSS (the worker's: ltv/pki-validation-data.ts); with it certificates are B-LTA, else B-T. */
  validationData?: ValidationDataSource;
}

export function verifyUrlFor(publicBaseUrl: string, number: string): string {
  return `${publicBaseUrl}/verify/${encodeURIComponent(number)}`;
}

/** `extraServiceHandlers`: more service-task types (the engine benchmark's no-op); built-ins win on a clash. */
export function createActivities(deps: ActivityDeps, extraServiceHandlers: Record<string, ServiceTaskHandler> = {}): EngineActivities {
  return {
    ...createUserTaskActivities(deps.db, deps.afterTaskOpened),
    ...createApplicationActivities(deps.db),
    ...createMessagingActivities(deps.db),
    ...createProcessActivities(deps.db),
    ...createCalendarActivities(deps.db),
    ...createDeadlineActivities(deps.db, deps.definitionsDir),
    ...createRevocationActivities(deps.revocationPublisher),
    ...createServiceTaskRunner({ ...extraServiceHandlers, ...serviceTaskHandlers(deps) }),
  };
}

/**
 * The built-in service-task handlers by zeebe:taskDefinition type. Each has its description in
 * service-tasks/catalogue.ts (the editor offers it; a test keeps the two lists equal).
 */
export function serviceTaskHandlers(deps: ActivityDeps): Record<string, ServiceTaskHandler> {
  let gateway = deps.paymentGateway;
  // built on the first refund, so a worker that never refunds needs no gateway secret
  const paymentGateway = () => (gateway ??= createHttpGateway(loadPaymentGatewayConfig()));
  return {
    // issuing and status changes tell the holder (notices/certificate-notices.ts)
    'issue-certificate': withIssuedNotice(createIssueCertificate({ db: deps.db, pki: deps.pki, timeStamper: deps.timeStamper ?? pkiTimeStamper(deps.pki), validationData: deps.validationData, verifyUrl: (n) => verifyUrlFor(deps.publicBaseUrl, n), afterMint: deps.afterMint }), deps.db, deps.publicBaseUrl),
    'notify-applicant': createNotifyApplicant(deps.db, deps.publicBaseUrl),
    'certificate.change-status': withStatusNotice(createChangeCertificateStatus(deps.db), deps.db, deps.publicBaseUrl),
    'certificate.check-renewal': createCheckRenewal(deps.db),
    'certificate.check-paper-claim': createCheckPaperClaim(deps.db),
    'certificate.check-prerequisite': createCheckPrerequisite(deps.db),
    'register.check-holder': createCheckRegisterHolder(deps.db),
    'identity.check-national-ids': createCheckNationalIds(),
    'application.rule': createRuleOnApplication(deps.db),
    ...createInquiryHandlers(deps.db, httpConnectors(deps.registries ?? loadRegistriesConfig())),
    'payment.request': createRequestPayment(deps.db, deps.definitionsDir),
    'payment.refund': createRefundBeforeReview(deps.db, paymentGateway, deps.publicBaseUrl),
  };
}
