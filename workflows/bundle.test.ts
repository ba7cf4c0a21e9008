/**
 * The workflow bundle holds the interpreter and pure libraries only: no database client, no
 * cryptography or PDF library, no activity implementations. (The SDK's bundler already refuses
 * Node built-ins; this guards against the heavier mistakes it would accept.)
 */
import fs from 'node:fs';

const FORBIDDEN = ['node_modules/@prisma/', 'node_modules/node-forge/', 'node_modules/pdfkit/', 'node_modules/better-sqlite3/', 'node_modules/pg/', './activities/', './portal/', './prisma/'];

// the bundle is built by the test run's global set-up, which SKIP_SERVICES=1 (unit tests only) leaves out
const withBundle = process.env.SKIP_SERVICES === '1' ? describe.skip : describe;

withBundle('workflows - bundle', () => {
  it('contains the interpreter and none of the side-effecting code', () => {
    const bundlePath = process.env.WORKFLOW_BUNDLE;
    expect(bundlePath).toBeDefined();
    const code = fs.readFileSync(bundlePath!, 'utf8');
    expect(code).toContain('processWorkflow');
    for (const path of FORBIDDEN) expect({ path, found: code.includes(path) }).toEqual({ path, found: false });
  });
});
