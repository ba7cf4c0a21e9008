/**
 * Where an installation keeps what a backup holds, resolved from the environment the way the product
 * resolves it (config/index.ts) — without loadConfig(), which would generate missing secrets into
 * the very folder a restore must find empty.
 */
import path from 'node:path';
import { dataDirOf, loadTemporalConfig, resolveDatabaseUrl, resolveDocumentsDir, resolvePkiDir } from '../../../config';
import type { SecretName } from './manifest';

export interface DataLocations {
  dataDir: string;
  databaseUrl: string;
  pkiDir: string;
  documentsDir: string;
  /** The embedded Temporal server's SQLite file; absent when temporal.yaml or TEMPORAL_ADDRESS names a cluster. */
  temporalDbFile?: string;
  /** Where generated secrets are kept when the environment does not give them. */
  secretsDir: string;
}

type Env = Record<string, string | undefined>;

export function dataLocationsOf(env: Env = process.env): DataLocations {
  const dataDir = dataDirOf(env);
  return {
    dataDir,
    databaseUrl: resolveDatabaseUrl(env),
    pkiDir: resolvePkiDir(env),
    documentsDir: resolveDocumentsDir(env),
    temporalDbFile: loadTemporalConfig(env).embedded?.dbFile,
    secretsDir: path.join(dataDir, 'secrets'),
  };
}

/** The secrets the product reads from the environment (or generates in data/secrets/ when absent). */
export const SECRETS: { name: SecretName; required: boolean; why: string }[] = [
  { name: 'PKI_PASSPHRASE', required: true, why: 'decrypts the CA and signer keys in pki/: without it no certificate can be issued (issued ones still verify)' },
  { name: 'PAYMENT_GATEWAY_SECRET', required: true, why: 'the secret shared with the payment gateway: without the same one payments are not confirmed' },
  { name: 'JWT_SECRET', required: false, why: 'signs sign-in tokens: with another one everybody signs in again, nothing else is lost' },
];

/** The file a generated secret is kept in (config/index.ts persistentSecret). */
export const secretFileName = (name: SecretName): string => name.toLowerCase();
