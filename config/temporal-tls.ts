/**
 * How the app proves itself to an external Temporal cluster and checks the cluster's certificate:
 * temporal.yaml `cluster.tls` and `TEMPORAL_TLS_*` (the environment wins), and `TEMPORAL_API_KEY`.
 * Only paths are kept here; temporal/connection-options.ts reads the files when a process connects,
 * so scripts that never reach Temporal do not need them.
 */
import path from 'node:path';

export interface TemporalTlsConfig {
  /** The name the server's certificate must carry when it is not the host in the address (SNI too). */
  serverName?: string;
  /** The CA that signed the server's certificate; without it the system's trusted roots are used. */
  serverRootCaFile?: string;
  /** For mTLS: the client certificate (PEM, may include its chain) and its private key (PEM). */
  clientCertFile?: string;
  clientKeyFile?: string;
}

/** The `cluster.tls` block of temporal.yaml. */
export interface TemporalTlsYaml {
  enabled?: boolean;
  serverName?: string;
  serverRootCaFile?: string;
  clientCertFile?: string;
  clientKeyFile?: string;
}

type Env = Record<string, string | undefined>;

/** Each setting with the yaml key and the variable that overrides it, for the messages. */
export const TLS_SETTINGS = {
  serverName: { yaml: 'cluster.tls.serverName', env: 'TEMPORAL_TLS_SERVER_NAME' },
  serverRootCaFile: { yaml: 'cluster.tls.serverRootCaFile', env: 'TEMPORAL_TLS_SERVER_ROOT_CA_FILE' },
  clientCertFile: { yaml: 'cluster.tls.clientCertFile', env: 'TEMPORAL_TLS_CLIENT_CERT_FILE' },
  clientKeyFile: { yaml: 'cluster.tls.clientKeyFile', env: 'TEMPORAL_TLS_CLIENT_KEY_FILE' },
} as const satisfies Record<keyof TemporalTlsConfig, { yaml: string; env: string }>;

export const settingName = (key: keyof TemporalTlsConfig): string => `${TLS_SETTINGS[key].yaml} / ${TLS_SETTINGS[key].env}`;

function enabledFromEnv(value: string | undefined): boolean | undefined {
  if (value === undefined || value === '') return undefined;
  if (/^(1|true|yes|on)$/i.test(value)) return true;
  if (/^(0|false|no|off)$/i.test(value)) return false;
  throw new Error(`TEMPORAL_TLS_ENABLED must be 1 or 0 (true or false); it is "${value}"`);
}

/**
 * TLS to the cluster, or undefined for plain gRPC. TLS is on when `enabled` (or
 * TEMPORAL_TLS_ENABLED) says so; when neither says, it is on as soon as any TLS setting or an API
 * key is given (an API key must not travel in clear text, and the SDK decides the same).
 */
export function resolveTemporalTls({ env, yaml, projectRoot, apiKey, external }: {
  env: Env;
  yaml: TemporalTlsYaml | undefined;
  projectRoot: string;
  apiKey: string | undefined;
  /** False when the app runs the embedded dev server, which speaks plain gRPC only. */
  external: boolean;
}): TemporalTlsConfig | undefined {
  const given = Object.fromEntries(
    (Object.keys(TLS_SETTINGS) as (keyof TemporalTlsConfig)[])
      .map((key) => [key, env[TLS_SETTINGS[key].env] || yaml?.[key] || undefined] as const)
      .filter(([, value]) => value !== undefined),
  ) as TemporalTlsConfig;
  const explicit = enabledFromEnv(env.TEMPORAL_TLS_ENABLED) ?? yaml?.enabled;
  const enabled = explicit ?? (Object.keys(given).length > 0 || Boolean(apiKey));
  if (!enabled) return undefined;
  if (!external) {
    throw new Error('TLS to Temporal is configured (cluster.tls or TEMPORAL_TLS_*, or TEMPORAL_API_KEY) but no cluster is: set cluster.address (or TEMPORAL_ADDRESS); the embedded dev server speaks plain gRPC only');
  }
  if (Boolean(given.clientCertFile) !== Boolean(given.clientKeyFile)) {
    const missing: keyof TemporalTlsConfig = given.clientCertFile ? 'clientKeyFile' : 'clientCertFile';
    throw new Error(`mTLS to Temporal needs both the client certificate and its key: ${settingName(missing)} is not set`);
  }
  const file = (value: string | undefined) => (value ? path.resolve(projectRoot, value) : undefined);
  const tls: TemporalTlsConfig = {
    serverName: given.serverName,
    serverRootCaFile: file(given.serverRootCaFile),
    clientCertFile: file(given.clientCertFile),
    clientKeyFile: file(given.clientKeyFile),
  };
  return Object.fromEntries(Object.entries(tls).filter(([, v]) => v !== undefined)) as TemporalTlsConfig;
}
