/** `npm run bpmn -- check`: the command-line door to the deploy-time validation. */
import { spawnSync } from 'node:child_process';
import path from 'node:path';

const ROOT = path.join(__dirname, '..');

function bpmn(...args: string[]) {
  const res = spawnSync(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts', 'bpmn.ts'), ...args], { cwd: ROOT, encoding: 'utf8' });
  return { code: res.status, stdout: res.stdout, stderr: res.stderr };
}

describe('scripts/bpmn - check', () => {
  it('exits 0 for a deployable model', () => {
    const res = bpmn('check', path.join(ROOT, 'definitions', 'software-technical-approval.bpmn'));
    expect(res.code).toBe(0);
    expect(res.stdout).toBe('');
    expect(res.stderr).toContain('deployable: software-technical-approval');
  });

  it('exits 1 with one `<elementId> <rule> <message>` line per problem', () => {
    const res = bpmn('check', path.join(ROOT, 'test', 'fixtures', 'unsupported-complex.bpmn'));
    expect(res.code).toBe(1);
    const lines = res.stdout.trim().split('\n');
    expect(lines).toContain('Fork_1 unsupported-element <bpmn:ComplexGateway id="Fork_1" /> is not supported by this engine yet');
    for (const line of lines) expect(line).toMatch(/^\S+ [a-z/-]+ \S.*$/);
  });

  it('exits 2 with a usage line or a read error for a wrong call', () => {
    expect(bpmn('check').code).toBe(2);
    expect(bpmn('check', path.join(ROOT, 'no-such-file.bpmn')).stderr).toMatch(/cannot read .*ENOENT/);
  });
});
