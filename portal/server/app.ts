/**
 * The HTTP API and the public pages, assembled: plugins first (errors, security headers, auth, multipart, OpenAPI),
 * then one module per route group under routes/.
 */
import fastifyMultipart from '@fastify/multipart';
import fastifySwagger from '@fastify/swagger';
import crypto from 'node:crypto';
import Fastify, { FastifyInstance } from 'fastify';
import type { Db } from '../../prisma/client';
import { loadPaymentGatewayConfig, loadTemporalConfig, loadTrustServicesConfig, resolveDocumentsDir, type CompileLimitsConfig, type OidcConfig, type TrustProxy } from '../../config';
import type { PaymentGateway } from '../../activities/payments/gateway';
import { createHttpGateway } from '../../activities/payments/http-gateway';
import { createDocumentStore } from './documents/document-store';
import { purgeUnattachedDocuments } from './documents/save-document';
import type { EngineClient } from './engine/engine-client';
import { registerAuth } from './plugins/auth';
import { answerFrameworkError, registerErrorHandler } from './plugins/errors';
import { registerMetrics } from './plugins/metrics';
import { registerSecurityHeaders } from './plugins/security-headers';
import { fastifyTrustProxy } from './plugins/trust-proxy';
import { DEFAULT_PUBLIC_RATE_LIMITS, PublicRateLimits, registerRateLimits } from './plugins/rate-limits';
import { agentRoutes } from './routes/agents';
import { applicationRoutes } from './routes/applications';
import { LoginOptions, authRoutes } from './routes/auth';
import { calendarRoutes } from './routes/calendars';
import { serviceTaskTypeRoutes } from './routes/service-task-types';
import { certificateRoutes } from './routes/certificates';
import { counterOfficeRoutes } from './routes/counter-offices';
import { definitionRoutes } from './routes/definitions';
import { documentRoutes } from './routes/documents';
import { eventRoutes } from './routes/events';
import { feedbackRoutes } from './routes/feedback';
import { notificationRoutes } from './routes/notifications';
import { oidcRoutes } from './routes/oidc';
import { outboxRoutes } from './routes/outbox';
import { paymentRoutes } from './routes/payments';
import { createPaymentService } from './services/payments/payment-service';
import { operationsRoutes, temporalUiOf } from './routes/operations';
import { groupRoutes } from './routes/groups';
import { healthRoutes } from './routes/health';
import { relaunchSubmittedPeriodically } from './services/relaunch-submitted';
import { inquiryRoutes } from './routes/inquiries';
import { reportRoutes } from './routes/reports';
import { satisfactionRoutes } from './routes/satisfaction';
import { rulingRoutes } from './routes/rulings';
import { userRoutes } from './routes/users';
import { publicCertificateRoutes } from './routes/public/certificates';
import { publicVerifyRoutes } from './routes/public/verify';
import type { SignerCertificateEntry } from '../../activities/certificates/pki';
import { publicCaRoutes } from './routes/public/ca';
import { publicTsaRoutes } from './routes/public/tsa';
import { publicCatalogueRoutes } from './routes/public/catalogue';
import { publicPkiRoutes } from './routes/public/pki';
import { taskNoteRoutes } from './routes/task-notes';
import { taskRoutes } from './routes/tasks';
import { webRoutes } from './routes/web';

export interface AppDeps {
  db: Db;
  engine: EngineClient;
  jwtSecret: string;
  /** Root CA certificates the public verifier trusts; published at /api/public/ca. */
  rootCertPems: string[];
  /** Issuing CA certificates, current and earlier (published at /api/public/ca). */
  issuingCertPems?: string[];
  /** The family signers' certificates (published at /api/public/ca for the QR's offline payload), read when asked. */
  signerCertificates?: () => Promise<SignerCertificateEntry[]>;
  /** The PKI folder the public PKI routes serve CRLs, OCSP answers and CA certificates from (read only; no key is opened). */
  pkiDir?: string;
  publicRateLimits?: PublicRateLimits;
  /** The document store's folder; by default as configured (DOCUMENTS_DIR, else <data folder>/documents). */
  documentsDir?: string;
  /** Where the per-family service files are read (definitions/ by default; tests give another). */
  definitionsDir?: string;
  /** Structured request logs (pino; a request id on every line, no credentials); `npm start` turns them on. */
  logger?: boolean;
  /** A bearer token a Prometheus scraper may present at /api/metrics instead of an administrator's. */
  metricsToken?: string;
  /** How often applications recorded while the engine was down are started; false: never. */
  relaunchEveryMs?: number | false;
  /** The sign-in's throttle and password check; by default the standard limits and scrypt. */
  login?: LoginOptions;
  /** The payment gateway; by default the configured one (PAYMENT_GATEWAY_URL). */
  paymentGateway?: PaymentGateway;
  /** How often open payment orders are reconciled with the gateway, and after how long open; false: only on demand. */
  paymentReconciliation?: { everyMs: number; olderThanMs: number } | false;
  /** Limits on compiling uploaded BPMN/DMN (config COMPILE_*); the defaults of services/compile/compile-pool.ts otherwise. */
  compileLimits?: CompileLimitsConfig;
  /** Sign-in through the national single sign-on (config OIDC_*); undefined: password sign-in only. */
  oidc?: OidcConfig;
  /** Reverse proxies whose X-Forwarded-For names the client (config TRUST_PROXY); by default none. */
  trustProxy?: TrustProxy;
  /** The trust-services process POST /api/public/pki/tsa forwards to; by default as configured (TRUST_SERVICES_URL). */
  trustServicesUrl?: string;
}

/** pino through Fastify: level from LOG_LEVEL; tokens, cookies and passwords never reach a line. */
const LOG_OPTIONS = {
  level: process.env.LOG_LEVEL ?? 'info',
  redact: { paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]', '*.password', '*.token'], censor: '[redacted]' },
};

export const DEFAULT_PAYMENT_RECONCILIATION = { everyMs: 5 * 60_000, olderThanMs: 15 * 60_000 };

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: deps.logger ? LOG_OPTIONS : false,
    // a caller's (or a proxy's) request id is kept, so one id follows a request across services
    genReqId: (request) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.:-]{1,100}$/.test(given) ? given : crypto.randomUUID();
    },
    bodyLimit: 1024 * 1024,
    // request.ip, by which sign-ins and public calls are limited, is the client's behind a trusted proxy
    trustProxy: fastifyTrustProxy(deps.trustProxy ?? false),
    ajv: { customOptions: { removeAdditional: false, coerceTypes: 'array', allErrors: true } },
    frameworkErrors: answerFrameworkError,
  });
  registerErrorHandler(app);
  app.addHook('onRequest', async (request, reply) => { reply.header('X-Request-Id', request.id); });
  const metrics = registerMetrics(app, deps.db);
  registerSecurityHeaders(app);
  await registerAuth(app, deps.db, deps.jwtSecret);
  await registerRateLimits(app, deps.db);
  await app.register(fastifyMultipart);
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'ITO licensing and certification API',
        description: 'BPMN processes on Temporal: deploy definitions, apply, work tasks, download and verify signed certificates.',
        version: '0.1.0',
      },
      components: { securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
    },
  });

  const { db, engine } = deps;
  const store = createDocumentStore(deps.documentsDir ?? resolveDocumentsDir());
  // uploads never submitted: each user's are purged on their next upload, everybody's here once
  app.addHook('onReady', async () => {
    await purgeUnattachedDocuments(db, store).catch((err: unknown) => app.log.warn({ err }, 'purging expired unattached documents failed'));
  });
  const payments = createPaymentService({ db, temporal: engine.temporal, taskQueue: engine.queue, store, gateway: deps.paymentGateway ?? createHttpGateway(loadPaymentGatewayConfig()) });
  const reconciliation = deps.paymentReconciliation ?? DEFAULT_PAYMENT_RECONCILIATION;
  if (reconciliation) {
    let timer: NodeJS.Timeout | undefined;
    app.addHook('onReady', async () => {
      timer = setInterval(() => {
        payments.reconcile(reconciliation.olderThanMs).catch((err: unknown) => app.log.warn({ err }, 'payment reconciliation failed'));
      }, reconciliation.everyMs);
      timer.unref();
    });
    app.addHook('onClose', async () => clearInterval(timer));
  }
  const relaunchEveryMs = deps.relaunchEveryMs ?? 30_000;
  if (relaunchEveryMs) relaunchSubmittedPeriodically(app, db, engine, relaunchEveryMs);
  await app.register(healthRoutes, { db, engine, metrics, metricsToken: deps.metricsToken });
  await app.register(authRoutes, { db, login: deps.login });
  await app.register(definitionRoutes, { db, engine, definitionsDir: deps.definitionsDir, compileLimits: deps.compileLimits });
  await app.register(applicationRoutes, { db, engine, payments, definitionsDir: deps.definitionsDir });
  await app.register(taskRoutes, { db, engine });
  await app.register(taskNoteRoutes, { db, store });
  await app.register(documentRoutes, { db, store });
  await app.register(eventRoutes, { db, engine });
  await app.register(calendarRoutes, { db });
  await app.register(serviceTaskTypeRoutes, { db });
  await app.register(certificateRoutes, { db, engine });
  await app.register(notificationRoutes, { db });
  await app.register(outboxRoutes, { db });
  await app.register(paymentRoutes, { db, payments });
  await app.register(userRoutes, { db });
  await app.register(groupRoutes, { db });
  await app.register(reportRoutes, { db });
  await app.register(satisfactionRoutes, { db });
  await app.register(agentRoutes, { db });
  await app.register(counterOfficeRoutes, { db });
  await app.register(rulingRoutes, { db, engine, definitionsDir: deps.definitionsDir });
  await app.register(inquiryRoutes, { db });
  await app.register(operationsRoutes, { db, engine, temporalUi: temporalUiOf(loadTemporalConfig()) });
  const limits = deps.publicRateLimits ?? DEFAULT_PUBLIC_RATE_LIMITS;
  await app.register(oidcRoutes, { db, oidc: deps.oidc, jwtSecret: deps.jwtSecret, limits });
  await app.register(publicCertificateRoutes, { db, limits });
  await app.register(publicVerifyRoutes, { db, rootCertPems: deps.rootCertPems, limits, pkiDir: deps.pkiDir });
  await app.register(publicCatalogueRoutes, { db, limits, definitionsDir: deps.definitionsDir });
  await app.register(feedbackRoutes, { db, limits });
  await app.register(publicCaRoutes, { rootCertPems: deps.rootCertPems, issuingCertPems: deps.issuingCertPems ?? [], signerCertificates: deps.signerCertificates, limits });
  await app.register(publicTsaRoutes, { trustServicesUrl: deps.trustServicesUrl ?? loadTrustServicesConfig().url, limits });
  await app.register(publicPkiRoutes, { pkiDir: deps.pkiDir, limits });
  await app.register(webRoutes);

  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());
  return app;
}
