import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TemporalConfig } from '../config';
import { temporalConnectionOptions } from './connection-options';

const CERT = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
const KEY = '-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n';

const base: TemporalConfig = { address: 'temporal.internal:7233', namespace: 'ito', taskQueue: 'bpmn-engine', cli: { version: 'v', pypiVersion: 'p', toolsDir: '/t' } };

describe('temporal - connection options from the configuration', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ito-tls-'));
    fs.writeFileSync(path.join(dir, 'ca.pem'), CERT);
    fs.writeFileSync(path.join(dir, 'client.pem'), CERT);
    fs.writeFileSync(path.join(dir, 'client.key'), KEY);
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('says plain gRPC outright when TLS is off, so an API key does not switch it on unasked', () => {
    expect(temporalConnectionOptions({ ...base, apiKey: 'k' })).toEqual({ address: 'temporal.internal:7233', tls: false, apiKey: 'k' });
  });

  it('reads the CA, the client certificate and its key for mTLS, with the server name', () => {
    const options = temporalConnectionOptions({
      ...base,
      tls: { serverName: 'frontend.temporal', serverRootCaFile: path.join(dir, 'ca.pem'), clientCertFile: path.join(dir, 'client.pem'), clientKeyFile: path.join(dir, 'client.key') },
    });
    expect(options.tls).toEqual({
      serverNameOverride: 'frontend.temporal',
      serverRootCACertificate: Buffer.from(CERT),
      clientCertPair: { crt: Buffer.from(CERT), key: Buffer.from(KEY) },
    });
  });

  it('names the missing file and the setting that points at it', () => {
    const missing = path.join(dir, 'absent.pem');
    expect(() => temporalConnectionOptions({ ...base, tls: { serverRootCaFile: missing } }))
      .toThrow(`Temporal TLS: the CA certificate of the Temporal server ${missing} (cluster.tls.serverRootCaFile / TEMPORAL_TLS_SERVER_ROOT_CA_FILE) cannot be read: there is no such file`);
  });

  it('says when the process may not read a file', () => {
    const denied = Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
    const readFile = (file: string) => { if (file.endsWith('.key')) throw denied; return fs.readFileSync(file); };
    expect(() => temporalConnectionOptions({ ...base, tls: { clientCertFile: path.join(dir, 'client.pem'), clientKeyFile: path.join(dir, 'client.key') } }, readFile))
      .toThrow(/client private key .*client\.key \(cluster\.tls\.clientKeyFile \/ TEMPORAL_TLS_CLIENT_KEY_FILE\) cannot be read: this process may not read it/);
  });

  it('refuses a file that is not the PEM it should be (a key given as the certificate)', () => {
    expect(() => temporalConnectionOptions({ ...base, tls: { clientCertFile: path.join(dir, 'client.key'), clientKeyFile: path.join(dir, 'client.key') } }))
      .toThrow(/client\.key \(cluster\.tls\.clientCertFile \/ TEMPORAL_TLS_CLIENT_CERT_FILE\) is not a PEM client certificate/);
  });
});
