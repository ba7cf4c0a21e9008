/**
 * The registry clients against the simulator over real HTTP: answers are read into typed results,
 * negative answers are answers (not errors), and a registry that cannot be reached fails retryably
 * after the client's own attempts, so Temporal's retries and then an incident take over.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApplicationFailure } from '@temporalio/common';
import { startRegistrySimulator, type RunningRegistrySimulator } from '../../simulators/registries/server';
import { DISSOLVED_COMPANY, STRUCK_OFF_COMPANY } from '../../simulators/registries/demo-data';
import { PERSONNEL } from '../../scripts/lib/walks/demo-data';
import { DEMO_ORGANISATION } from '../../prisma/seed';
import { loadRegistriesConfig, type RegistryEndpoint } from '../../config/registries';
import { freePort } from '../../test/support/ports';
import { companyRegistryClient } from './clients/company-registry';
import { nationalIdentityClient } from './clients/national-identity';
import { degreeVerificationClient } from './clients/degree-verification';
import { postToRegistry } from './registry-http';

let sim: RunningRegistrySimulator;
beforeAll(async () => { sim = await startRegistrySimulator(); });
afterAll(async () => { await sim.stop(); });

const endpoint = (name: string, overrides: Partial<RegistryEndpoint> = {}): RegistryEndpoint => ({ baseUrl: `${sim.url}/${name}`, timeoutMs: 2000, retries: 1, ...overrides });
const noSleep = async () => {};

async function failureOf(p: Promise<unknown>): Promise<ApplicationFailure> {
  try {
    await p;
  } catch (err) {
    if (err instanceof ApplicationFailure) return err;
    throw err;
  }
  throw new Error('expected a failure');
}

describe('company registry client', () => {
  it('reads an active company with its directors', async () => {
    const answer = await companyRegistryClient(endpoint('company-registry')).ask({ nationalId: DEMO_ORGANISATION.nationalId });
    expect(answer).toMatchObject({ found: true, name: DEMO_ORGANISATION.nameFa, status: 'active' });
    expect(answer.found && answer.directors[0]).toMatchObject({ name: PERSONNEL.sara.fullName });
  });

  it('answers struck-off, dissolved and unknown companies as such', async () => {
    const client = companyRegistryClient(endpoint('company-registry'));
    expect(await client.ask({ nationalId: STRUCK_OFF_COMPANY.nationalId })).toMatchObject({ found: true, status: 'struck-off' });
    expect(await client.ask({ nationalId: DISSOLVED_COMPANY.nationalId })).toMatchObject({ found: true, status: 'dissolved' });
    expect(await client.ask({ nationalId: '10100000009' })).toEqual({ found: false, nationalId: '10100000009' });
  });

  it('survives hostile text in the question', async () => {
    const answer = await companyRegistryClient(endpoint('company-registry')).ask({ nationalId: '\u202e1010\ud800\u0000' });
    expect(answer.found).toBe(false);
  });
});

describe('national identity client', () => {
  it('matches a person\'s own mobile (also written +98…) and no other', async () => {
    const client = nationalIdentityClient(endpoint('national-identity'));
    expect((await client.ask({ nationalId: PERSONNEL.sara.nationalId, mobile: '09121110001' })).match).toBe(true);
    expect((await client.ask({ nationalId: PERSONNEL.sara.nationalId, mobile: '+989121110001' })).match).toBe(true);
    expect((await client.ask({ nationalId: PERSONNEL.sara.nationalId, mobile: '09121110002' })).match).toBe(false);
  });
});

describe('degree verification client', () => {
  it('verifies a degree on record and not one that is not', async () => {
    const client = degreeVerificationClient(endpoint('degree-verification'));
    const sara = await client.ask({ nationalId: PERSONNEL.sara.nationalId, degree: 'master', fieldOfStudy: PERSONNEL.sara.fieldOfStudy });
    expect(sara.verified).toBe(true);
    expect(sara.degrees.length).toBe(2);
    expect((await client.ask({ nationalId: PERSONNEL.ali.nationalId, degree: 'master' })).verified).toBe(false);
  });
});

describe('transport failures', () => {
  it('fails retryably with RegistryUnavailable when nothing listens, after its own attempts', async () => {
    const port = await freePort();
    const sleeps: number[] = [];
    const failure = await failureOf(postToRegistry('company-registry', { baseUrl: `http://127.0.0.1:${port}`, timeoutMs: 1000, retries: 2 }, '/lookup', { nationalId: '1' }, async (ms) => { sleeps.push(ms); }));
    expect(failure.type).toBe('RegistryUnavailable');
    expect(failure.nonRetryable).toBe(false);
    expect(failure.message).toContain('3 attempts');
    expect(sleeps).toEqual([200, 400]);
  });

  it('retries a 5xx and takes the answer that follows', async () => {
    let calls = 0;
    const server = http.createServer((_req, res) => {
      calls += 1;
      res.writeHead(calls === 1 ? 503 : 200, { 'content-type': 'application/json' });
      res.end(calls === 1 ? '{}' : '{"match":true}');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    try {
      const { port } = server.address() as AddressInfo;
      const answer = await postToRegistry('national-identity', { baseUrl: `http://127.0.0.1:${port}`, timeoutMs: 1000, retries: 1 }, '/match', {}, noSleep);
      expect(answer).toEqual({ match: true });
      expect(calls).toBe(2);
    } finally {
      server.close();
    }
  });

  it('gives up on a registry that does not answer within the timeout', async () => {
    const server = http.createServer(() => { /* never answers */ });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    try {
      const { port } = server.address() as AddressInfo;
      const failure = await failureOf(postToRegistry('degree-verification', { baseUrl: `http://127.0.0.1:${port}`, timeoutMs: 100, retries: 0 }, '/verify', {}, noSleep));
      expect(failure.type).toBe('RegistryUnavailable');
      expect(failure.message).toContain('no answer within 100 ms');
    } finally {
      server.closeAllConnections();
      server.close();
    }
  });

  it('does not retry a request the registry refuses (4xx): that is an incident at once', async () => {
    const failure = await failureOf(postToRegistry('company-registry', endpoint('company-registry'), '/lookup', { nationalId: 42 }, noSleep));
    expect(failure.type).toBe('RegistryRejectedRequest');
    expect(failure.nonRetryable).toBe(true);
  });

  it('reads an answer of the wrong shape as a retryable failure, never as a negative answer', async () => {
    const server = http.createServer((_req, res) => { res.writeHead(200, { 'content-type': 'application/json' }); res.end('{"status":"ok"}'); });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    try {
      const { port } = server.address() as AddressInfo;
      const failure = await failureOf(nationalIdentityClient({ baseUrl: `http://127.0.0.1:${port}`, timeoutMs: 1000, retries: 0 }).ask({ nationalId: '1', mobile: '2' }));
      expect(failure.type).toBe('RegistryMalformedAnswer');
      expect(failure.nonRetryable).toBe(false);
    } finally {
      server.close();
    }
  });
});

describe('registries configuration', () => {
  it('points every registry at the simulator by default, which npm start then runs', () => {
    const c = loadRegistriesConfig({});
    expect(c.endpoints['company-registry'].baseUrl).toBe('http://127.0.0.1:3100/company-registry');
    expect(c.simulatorPort).toBe(3100);
    expect(c.endpoints['degree-verification']).toMatchObject({ timeoutMs: 5000, retries: 2 });
  });

  it('runs no simulator when every registry has a real URL', () => {
    const c = loadRegistriesConfig({ COMPANY_REGISTRY_URL: 'https://registry.example/api/', NATIONAL_IDENTITY_URL: 'https://shahkar.example', DEGREE_VERIFICATION_URL: 'https://degrees.example', REGISTRY_TIMEOUT_MS: '800', REGISTRY_RETRIES: '0' });
    expect(c.simulatorPort).toBeUndefined();
    expect(c.endpoints['company-registry']).toEqual({ baseUrl: 'https://registry.example/api', timeoutMs: 800, retries: 0 });
  });

  it('refuses a timeout that is not a whole number', () => {
    expect(() => loadRegistriesConfig({ REGISTRY_TIMEOUT_MS: 'soon' })).toThrow(/REGISTRY_TIMEOUT_MS/);
  });
});
