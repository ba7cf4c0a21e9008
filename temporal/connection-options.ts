/**
 * What both the client (portal/server, scripts) and the worker's NativeConnection are given to
 * reach Temporal: the address, TLS with the certificates read from their files, and the API key.
 * One function for both, so a worker never connects differently from the API.
 */
import fs from 'node:fs';
import { settingName, type TemporalTlsConfig } from '../config/temporal-tls';
import type { TemporalConfig } from '../config';

export interface TemporalTlsOptions {
  serverNameOverride?: string;
  serverRootCACertificate?: Buffer;
  clientCertPair?: { crt: Buffer; key: Buffer };
}

export interface TemporalConnectionOptions {
  address: string;
  /** false: plain gRPC, said outright so that an API key alone does not switch TLS on behind the configuration's back. */
  tls: TemporalTlsOptions | false;
  apiKey?: string;
}

type ReadFile = (file: string) => Buffer;

const PEM_KINDS: Record<'serverRootCaFile' | 'clientCertFile' | 'clientKeyFile', { what: string; marker: RegExp }> = {
  serverRootCaFile: { what: 'CA certificate of the Temporal server', marker: /-----BEGIN CERTIFICATE-----/ },
  clientCertFile: { what: 'client certificate', marker: /-----BEGIN CERTIFICATE-----/ },
  clientKeyFile: { what: 'client private key', marker: /-----BEGIN (?:[A-Z]+ )?PRIVATE KEY-----/ },
};

function readPem(tls: TemporalTlsConfig, key: keyof typeof PEM_KINDS, readFile: ReadFile): Buffer {
  const file = tls[key]!;
  const { what, marker } = PEM_KINDS[key];
  let content: Buffer;
  try {
    content = readFile(file);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'there is no such file' : code === 'EACCES' ? 'this process may not read it (check the owner and mode)' : (err as Error).message;
    throw new Error(`Temporal TLS: the ${what} ${file} (${settingName(key)}) cannot be read: ${reason}`);
  }
  if (!marker.test(content.toString('latin1'))) {
    throw new Error(`Temporal TLS: ${file} (${settingName(key)}) is not a PEM ${what}`);
  }
  return content;
}

export function temporalConnectionOptions(config: TemporalConfig, readFile: ReadFile = (file) => fs.readFileSync(file)): TemporalConnectionOptions {
  const { tls } = config;
  const options: TemporalTlsOptions | false = tls
    ? {
        ...(tls.serverName ? { serverNameOverride: tls.serverName } : {}),
        ...(tls.serverRootCaFile ? { serverRootCACertificate: readPem(tls, 'serverRootCaFile', readFile) } : {}),
        ...(tls.clientCertFile && tls.clientKeyFile
          ? { clientCertPair: { crt: readPem(tls, 'clientCertFile', readFile), key: readPem(tls, 'clientKeyFile', readFile) } }
          : {}),
      }
    : false;
  return { address: config.address, tls: options, ...(config.apiKey ? { apiKey: config.apiKey } : {}) };
}
