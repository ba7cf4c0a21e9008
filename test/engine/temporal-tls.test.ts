/**
 * TLS and mTLS to an external Temporal, for real: the run's dev server speaks plain gRPC, so a
 * TLS-terminating proxy with a test CA stands in front of it and asks for a client certificate.
 * A client and a worker configured as an operator would (cluster.tls through TEMPORAL_TLS_*) run an
 * instance through it; a client without a client certificate, and one that does not trust the CA,
 * are turned away at the handshake.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import type { TemporalConfig } from '../../config';
import { ensureDemoPki } from '../../activities/certificates/pki';
import { createDb, type Db } from '../../prisma/client';
import { runModel } from '../../scripts/lib/model-runner';
import { connectClient } from '../../temporal/connection';
import { temporalConnectionOptions } from '../../temporal/connection-options';
import { chain, model, userTask } from '../support/bpmn-models';
import { startWorker, testConfig, type RunningWorker } from '../support/harness';
import { createTestCa, startTlsProxy, writePem, type TlsProxy } from '../support/tls-proxy';

jest.setTimeout(120_000);

const CLIENT_NAME = 'ito-worker.test';
let dir: string;
let proxy: TlsProxy;
let db: Db;
/** The environment an operator would write for mTLS through the proxy (deploy/env.example). */
let mtlsEnv: Record<string, string>;
let untrustingCaFile: string;

/** The run's Temporal configuration as the app loads it from `env`, on a queue of this file's own. */
const temporalWith = (env: Record<string, string>): TemporalConfig => ({ ...testConfig(env).temporal, taskQueue: `tls-${process.pid}` });

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ito-temporal-tls-'));
  const ca = createTestCa('ITO test Temporal CA');
  const otherCa = createTestCa('Some other CA');
  const server = ca.issue('localhost', { server: { dnsNames: ['localhost'], ips: [] } });
  const client = ca.issue(CLIENT_NAME, { client: true });
  proxy = await startTlsProxy({ server, caPem: ca.certPem, upstream: testConfig().temporal.address, requireClientCertificate: true });
  mtlsEnv = {
    TEMPORAL_ADDRESS: proxy.address,
    // the proxy listens on an IP its certificate does not name: the server name must be given
    TEMPORAL_TLS_SERVER_NAME: 'localhost',
    TEMPORAL_TLS_SERVER_ROOT_CA_FILE: writePem(dir, 'ca.pem', ca.certPem),
    TEMPORAL_TLS_CLIENT_CERT_FILE: writePem(dir, 'client.pem', client.certPem),
    TEMPORAL_TLS_CLIENT_KEY_FILE: writePem(dir, 'client.key', client.keyPem),
  };
  untrustingCaFile = writePem(dir, 'other-ca.pem', otherCa.certPem);
  db = createDb(testConfig().databaseUrl);
});

afterAll(async () => {
  await proxy?.close();
  await db?.$disconnect();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('Temporal over mTLS through a TLS-terminating proxy', () => {
  let worker: RunningWorker | undefined;
  afterAll(async () => { await worker?.stop(); });

  it('a client and a worker with the CA and a client certificate run an instance to its end', async () => {
    const temporal = temporalWith(mtlsEnv);
    expect(temporal.tls).toMatchObject({ serverName: 'localhost', clientCertFile: mtlsEnv.TEMPORAL_TLS_CLIENT_CERT_FILE });
    const config = testConfig();
    worker = await startWorker(db, await ensureDemoPki(config.pkiDir, config.pkiPassphrase), temporal);
    const client = await connectClient(temporal);
    try {
      const xml = model('tls-through-proxy', `<bpmn:startEvent id="start" />${userTask('review')}<bpmn:endEvent id="end" />${chain('start', 'review', 'end')}`);
      const report = await runModel(db, client, { xml, taskQueue: temporal.taskQueue });
      expect(report).toMatchObject({ state: 'completed', completed: expect.arrayContaining(['review', 'end']) });
    } finally {
      await client.connection.close();
    }
    // both reached Temporal through the proxy, proving themselves with the client certificate
    expect(proxy.acceptedClients.length).toBeGreaterThanOrEqual(2);
    expect(new Set(proxy.acceptedClients)).toEqual(new Set([CLIENT_NAME]));
  });
});

/** Connects as the API does; the connection is closed whether or not it got through (a failed one would keep retrying). */
async function connectAsClient(temporal: TemporalConfig): Promise<void> {
  const connection = Connection.lazy({ ...temporalConnectionOptions(temporal), connectTimeout: '5s' });
  try {
    await connection.ensureConnected();
  } finally {
    await connection.close();
  }
}

/** Connects as a worker does. */
async function connectAsWorker(temporal: TemporalConfig): Promise<void> {
  await (await NativeConnection.connect(temporalConnectionOptions(temporal))).close();
}

describe('Temporal over mTLS: who is turned away', () => {
  /** What the proxy saw while `connect` ran: the connections it accepted and its handshake failures. */
  async function refused(connect: () => Promise<void>): Promise<{ accepted: string[]; refusals: string }> {
    const [acceptedBefore, refusalsBefore] = [proxy.acceptedClients.length, proxy.refusals.length];
    await expect(connect()).rejects.toThrow();
    return { accepted: proxy.acceptedClients.slice(acceptedBefore), refusals: proxy.refusals.slice(refusalsBefore).join('\n') };
  }

  it.each([['the client (API)', connectAsClient], ['the worker', connectAsWorker]])('%s without a client certificate is refused by the server', async (_who, connect) => {
    const { TEMPORAL_TLS_CLIENT_CERT_FILE: _cert, TEMPORAL_TLS_CLIENT_KEY_FILE: _key, ...withoutClientCertificate } = mtlsEnv;
    const seen = await refused(() => connect(temporalWith(withoutClientCertificate)));
    expect(seen.accepted).toEqual([]);
    expect(seen.refusals).toMatch(/peer did not return a certificate/i);
  });

  it.each([['the client (API)', connectAsClient], ['the worker', connectAsWorker]])('%s that does not trust the server\'s CA breaks off the handshake', async (_who, connect) => {
    const seen = await refused(() => connect(temporalWith({ ...mtlsEnv, TEMPORAL_TLS_SERVER_ROOT_CA_FILE: untrustingCaFile })));
    expect(seen.accepted).toEqual([]);
    // the worker's TLS sends an alert; the API's gRPC library just hangs up mid-handshake
    expect(seen.refusals).toMatch(/unknown ca|bad certificate|certificate unknown|socket hang up/i);
  });
});
