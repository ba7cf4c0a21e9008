import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, loadPublicRateLimits, loadTemporalConfig, loadTrustServicesConfig, parseTrustProxy, resolveDocumentsDir, resolvePkiDir } from '.';

describe('config - temporal.yaml', () => {
  it('runs the embedded dev server when no cluster address is set', () => {
    const t = loadTemporalConfig({});
    expect(t.embedded).toBeDefined();
    expect(t.address).toBe(`${t.embedded!.ip}:${t.embedded!.port}`);
    expect(t.taskQueue).toBe('bpmn-engine');
    expect(t.embedded!.dbFile).toMatch(/data\/temporal\/temporal\.db$/);
  });

  it('turns the embedded server off when pointed at an existing cluster', () => {
    const t = loadTemporalConfig({ TEMPORAL_ADDRESS: 'temporal.internal:7233', TEMPORAL_NAMESPACE: 'ito' });
    expect(t.embedded).toBeUndefined();
    expect(t.address).toBe('temporal.internal:7233');
    expect(t.namespace).toBe('ito');
  });

  it('keeps the embedded server\'s state in the data folder, so DATA_DIR moves it too', () => {
    expect(loadTemporalConfig({ DATA_DIR: '/srv/ito/data' }).embedded!.dbFile).toBe('/srv/ito/data/temporal/temporal.db');
  });

  it('lets tests move the embedded server to another port and file', () => {
    const t = loadTemporalConfig({ TEMPORAL_EMBEDDED_PORT: '17001', TEMPORAL_EMBEDDED_DB_FILE: '/tmp/x.db' });
    expect(t.address).toBe('127.0.0.1:17001');
    expect(t.embedded!.dbFile).toBe('/tmp/x.db');
  });
});

describe('config - PKI passphrase and folder', () => {
  let dataDir: string;
  beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'ito-config-'));
  });
  afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('takes the passphrase from PKI_PASSPHRASE', () => {
    const config = loadConfig({ DATA_DIR: dataDir, PKI_PASSPHRASE: 'from-the-environment', JWT_SECRET: 'x', DEMO_SEED: '0' });
    expect(config).toMatchObject({ pkiPassphrase: 'from-the-environment', pkiPassphraseSource: 'environment', pkiDir: path.join(dataDir, 'pki') });
    expect(fs.existsSync(path.join(dataDir, 'secrets', 'pki_passphrase'))).toBe(false);
  });

  it('needs no PKI_PASSPHRASE, and generates none, for a process that decrypts no key (an API process)', () => {
    expect(loadConfig({ DATA_DIR: dataDir, JWT_SECRET: 'x', DEMO_SEED: '0' }, { pkiKeys: false })).toMatchObject({ pkiPassphrase: '', pkiPassphraseSource: 'not needed' });
    expect(loadConfig({ DATA_DIR: dataDir, JWT_SECRET: 'x', PKI_PASSPHRASE: 'p' }, { pkiKeys: false })).toMatchObject({ pkiPassphrase: '', pkiPassphraseSource: 'not needed' });
    expect(fs.existsSync(path.join(dataDir, 'secrets', 'pki_passphrase'))).toBe(false);
  });

  it('refuses to start outside demo mode without PKI_PASSPHRASE', () => {
    expect(() => loadConfig({ DATA_DIR: dataDir, JWT_SECRET: 'x', DEMO_SEED: '0' })).toThrow(/PKI_PASSPHRASE is not set/);
  });

  it('generates a demo default once into <data folder>/secrets/, only in demo mode', () => {
    const first = loadConfig({ DATA_DIR: dataDir, JWT_SECRET: 'x' });
    expect(first.pkiPassphraseSource).toBe('demo default');
    expect(first.pkiPassphrase.length).toBeGreaterThanOrEqual(32);
    expect(loadConfig({ DATA_DIR: dataDir, JWT_SECRET: 'x' }).pkiPassphrase).toBe(first.pkiPassphrase);
    expect(fs.statSync(path.join(dataDir, 'secrets', 'pki_passphrase')).mode & 0o077).toBe(0);
  });

  it('puts the PKI where PKI_DIR says', () => {
    expect(loadConfig({ DATA_DIR: dataDir, PKI_PASSPHRASE: 'p', JWT_SECRET: 'x', PKI_DIR: '/srv/ito/pki' }).pkiDir).toBe('/srv/ito/pki');
    expect(resolvePkiDir({ DATA_DIR: dataDir })).toBe(path.join(dataDir, 'pki'));
  });
});

describe('config - document store folder', () => {
  it('keeps documents under <data folder>/documents unless DOCUMENTS_DIR says otherwise', () => {
    expect(loadConfig({ DATA_DIR: '/srv/ito/data', PKI_PASSPHRASE: 'p', JWT_SECRET: 'x' }).documentsDir).toBe('/srv/ito/data/documents');
    expect(resolveDocumentsDir({ DATA_DIR: '/srv/ito/data', DOCUMENTS_DIR: '/srv/ito/documents' })).toBe('/srv/ito/documents');
  });
});

describe('config - public rate limits', () => {
  it('leaves the limits to their defaults unless PUBLIC_LOOKUPS_PER_MINUTE / PUBLIC_UPLOADS_PER_MINUTE set them', () => {
    expect(loadPublicRateLimits({})).toEqual({});
    expect(loadPublicRateLimits({ PUBLIC_LOOKUPS_PER_MINUTE: '6000', PUBLIC_UPLOADS_PER_MINUTE: '120' })).toEqual({ lookupsPerMinute: 6000, uploadsPerMinute: 120 });
  });

  it('refuses a limit that is not a positive whole number, naming the variable', () => {
    expect(() => loadPublicRateLimits({ PUBLIC_LOOKUPS_PER_MINUTE: 'lots' })).toThrow(/PUBLIC_LOOKUPS_PER_MINUTE must be a positive whole number/);
    expect(() => loadPublicRateLimits({ PUBLIC_UPLOADS_PER_MINUTE: '0' })).toThrow(/PUBLIC_UPLOADS_PER_MINUTE/);
  });
});

describe('config - reverse proxies (TRUST_PROXY)', () => {
  it('trusts no proxy unless told', () => {
    for (const value of [undefined, '', ' ', '0', 'false']) expect(parseTrustProxy(value)).toBe(false);
    expect(loadConfig({ DATA_DIR: os.tmpdir(), PKI_PASSPHRASE: 'p', JWT_SECRET: 'x' }).trustProxy).toBe(false);
  });

  it('takes a hop count, or a list of proxy addresses and CIDR ranges', () => {
    expect(parseTrustProxy('1')).toBe(1);
    expect(parseTrustProxy('10.0.0.5, 10.1.0.0/16,::1,fd00::/8,loopback')).toEqual(['10.0.0.5', '10.1.0.0/16', '::1', 'fd00::/8', 'loopback']);
  });

  it('refuses anything else, `true` included, naming what it could not read', () => {
    expect(() => parseTrustProxy('true')).toThrow(/TRUST_PROXY: true is not an address/);
    expect(() => parseTrustProxy('10.0.0.5,proxy.example')).toThrow(/proxy\.example/);
    expect(() => parseTrustProxy('10.0.0.0/33')).toThrow(/10\.0\.0\.0\/33/);
  });
});

describe('config - trust services and the TSA (TRUST_SERVICES_*, TSA_*)', () => {
  it('defaults to the trust services on 127.0.0.1:3102 and no TSA_URL (the worker then time-stamps in its own process)', () => {
    expect(loadTrustServicesConfig({})).toEqual({ port: 3102, url: 'http://127.0.0.1:3102', tsaTimeoutMs: 10_000 });
    expect(loadTrustServicesConfig({ TRUST_SERVICES_PORT: '4102' }).url).toBe('http://127.0.0.1:4102');
  });

  it('takes the URLs given, without a trailing slash, and refuses what is not an http(s) URL or a positive number', () => {
    expect(loadTrustServicesConfig({ TRUST_SERVICES_URL: 'http://tsa.internal:3102/', TSA_URL: 'https://tsa.example/tsa', TSA_TIMEOUT_MS: '2500' }))
      .toEqual({ port: 3102, url: 'http://tsa.internal:3102', tsaUrl: 'https://tsa.example/tsa', tsaTimeoutMs: 2500 });
    expect(() => loadTrustServicesConfig({ TSA_URL: 'ftp://tsa.example' })).toThrow(/TSA_URL must be an http\(s\) URL/);
    expect(() => loadTrustServicesConfig({ TSA_URL: 'not a url' })).toThrow(/TSA_URL/);
    expect(() => loadTrustServicesConfig({ TRUST_SERVICES_PORT: '-1' })).toThrow(/TRUST_SERVICES_PORT must be a positive whole number/);
  });
});
