import { loadTemporalConfig } from '.';

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

  it('lets tests move the embedded server to another port and file', () => {
    const t = loadTemporalConfig({ TEMPORAL_EMBEDDED_PORT: '17001', TEMPORAL_EMBEDDED_DB_FILE: '/tmp/x.db' });
    expect(t.address).toBe('127.0.0.1:17001');
    expect(t.embedded!.dbFile).toBe('/tmp/x.db');
  });
});
