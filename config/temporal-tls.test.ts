import { loadTemporalConfig } from '.';
import { resolveTemporalTls } from './temporal-tls';

const root = '/srv/ito/app';
const external = { env: {}, yaml: undefined, projectRoot: root, apiKey: undefined, external: true };

describe('config - TLS to an external Temporal (cluster.tls, TEMPORAL_TLS_*)', () => {
  it('speaks plain gRPC when nothing about TLS is set', () => {
    expect(resolveTemporalTls(external)).toBeUndefined();
  });

  it('reads cluster.tls and resolves its files against the installation folder', () => {
    const tls = resolveTemporalTls({
      ...external,
      yaml: { enabled: true, serverName: 'temporal.internal', serverRootCaFile: 'certs/ca.pem', clientCertFile: '/etc/ito/temporal/client.pem', clientKeyFile: 'certs/client.key' },
    });
    expect(tls).toEqual({
      serverName: 'temporal.internal',
      serverRootCaFile: '/srv/ito/app/certs/ca.pem',
      clientCertFile: '/etc/ito/temporal/client.pem',
      clientKeyFile: '/srv/ito/app/certs/client.key',
    });
  });

  it('lets each TEMPORAL_TLS_* variable override its yaml key', () => {
    const tls = resolveTemporalTls({
      ...external,
      yaml: { serverName: 'from-yaml', serverRootCaFile: '/yaml/ca.pem' },
      env: { TEMPORAL_TLS_SERVER_NAME: 'from-env', TEMPORAL_TLS_CLIENT_CERT_FILE: '/env/c.pem', TEMPORAL_TLS_CLIENT_KEY_FILE: '/env/c.key' },
    });
    expect(tls).toEqual({ serverName: 'from-env', serverRootCaFile: '/yaml/ca.pem', clientCertFile: '/env/c.pem', clientKeyFile: '/env/c.key' });
  });

  it('turns TLS on when a certificate file is named without `enabled`, and leaves it off when `enabled` is false', () => {
    expect(resolveTemporalTls({ ...external, yaml: { serverRootCaFile: '/ca.pem' } })).toEqual({ serverRootCaFile: '/ca.pem' });
    expect(resolveTemporalTls({ ...external, yaml: { enabled: false, serverRootCaFile: '/ca.pem' } })).toBeUndefined();
    expect(resolveTemporalTls({ ...external, yaml: { enabled: true, serverRootCaFile: '/ca.pem' }, env: { TEMPORAL_TLS_ENABLED: '0' } })).toBeUndefined();
  });

  it('with TEMPORAL_TLS_ENABLED=1 alone, trusts the system roots', () => {
    expect(resolveTemporalTls({ ...external, env: { TEMPORAL_TLS_ENABLED: 'true' } })).toEqual({});
  });

  it('uses TLS with an API key unless TLS is switched off outright', () => {
    expect(resolveTemporalTls({ ...external, apiKey: 'key' })).toEqual({});
    expect(resolveTemporalTls({ ...external, apiKey: 'key', env: { TEMPORAL_TLS_ENABLED: '0' } })).toBeUndefined();
  });

  it('refuses a TEMPORAL_TLS_ENABLED that is neither on nor off', () => {
    expect(() => resolveTemporalTls({ ...external, env: { TEMPORAL_TLS_ENABLED: 'maybe' } })).toThrow(/TEMPORAL_TLS_ENABLED must be 1 or 0.*"maybe"/);
  });

  it('refuses a client certificate without its key, and a key without its certificate, naming what is missing', () => {
    expect(() => resolveTemporalTls({ ...external, yaml: { clientCertFile: '/c.pem' } })).toThrow('cluster.tls.clientKeyFile / TEMPORAL_TLS_CLIENT_KEY_FILE is not set');
    expect(() => resolveTemporalTls({ ...external, env: { TEMPORAL_TLS_CLIENT_KEY_FILE: '/c.key' } })).toThrow('cluster.tls.clientCertFile / TEMPORAL_TLS_CLIENT_CERT_FILE is not set');
  });

  it('refuses TLS to the embedded dev server, which has none', () => {
    expect(() => resolveTemporalTls({ ...external, external: false, env: { TEMPORAL_TLS_ENABLED: '1' } })).toThrow(/no cluster is: set cluster.address/);
  });
});

describe('config - loadTemporalConfig with TLS and an API key', () => {
  it('carries TLS and the API key for an external cluster', () => {
    const t = loadTemporalConfig({ TEMPORAL_ADDRESS: 'temporal.internal:7233', TEMPORAL_TLS_SERVER_ROOT_CA_FILE: '/etc/ito/ca.pem', TEMPORAL_API_KEY: 'secret-key' });
    expect(t.tls).toEqual({ serverRootCaFile: '/etc/ito/ca.pem' });
    expect(t.apiKey).toBe('secret-key');
  });

  it('has neither for the embedded dev server of the default temporal.yaml', () => {
    const t = loadTemporalConfig({});
    expect(t.tls).toBeUndefined();
    expect(t.apiKey).toBeUndefined();
  });
});
