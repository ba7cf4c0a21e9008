/**
 * Entry point of the trust-services process: `node --import tsx trust-services/main.ts`.
 * Decrypts the time-stamping authority's key with the PKI passphrase (like the worker), then
 * serves POST /tsa on 127.0.0.1:TRUST_SERVICES_PORT (default 3102). See README.md here.
 */
import { loadConfig } from '../config';
import { ensureDemoPki } from '../activities/certificates/pki';
import { createTimeStampAuthority } from '../activities/certificates/timestamp/time-stamp-authority';
import { startTrustServices } from './server';

async function run(): Promise<void> {
  const config = loadConfig();
  // the TSA's key is decrypted here, into this process's memory only (the API never loads keys);
  // a TSA certificate made here names its CA's CRL at the public base URL, as the worker's would
  const pki = await ensureDemoPki(config.pkiDir, config.pkiPassphrase, { publicBaseUrl: config.publicBaseUrl });
  const tsa = createTimeStampAuthority(await pki.timeStampAuthority());
  const running = await startTrustServices({ tsa, port: config.trustServices.port, host: process.env.TRUST_SERVICES_HOST || '127.0.0.1' });
  console.log(`trust-services: time-stamping authority at ${running.url}/tsa (issuing CA ${pki.currentIssuingId})`);
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    void running.close().then(() => process.exit(0));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

run().catch((err) => {
  console.error(err);
  process.exit(1);
});
