/** `npm run bpmn -- check`: the command-line door to the deploy-time validation. */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
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

  it('exits 1 with one `<elementId> <rule> <message>` line per problem (`warning` first on a warning\'s)', () => {
    const res = bpmn('check', path.join(ROOT, 'test', 'fixtures', 'unsupported-complex.bpmn'));
    expect(res.code).toBe(1);
    const lines = res.stdout.trim().split('\n');
    expect(lines).toContain('Fork_1 unsupported-element <bpmn:ComplexGateway id="Fork_1" /> is not supported by this engine yet');
    for (const line of lines) expect(line).toMatch(/^(warning )?\S+ [a-z/-]+ \S.*$/);
  });

  it('checks several files and folders in one call, a `== <path> deployable|rejected` line before each', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bpmn-check-'));
    fs.copyFileSync(path.join(ROOT, 'definitions', 'software-technical-approval.bpmn'), path.join(dir, 'a.bpmn'));
    fs.copyFileSync(path.join(ROOT, 'test', 'fixtures', 'unsupported-complex.bpmn'), path.join(dir, 'b.bpmn'));
    const res = bpmn('check', dir, path.join(ROOT, 'definitions', 'certificate-renewal.bpmn'));
    expect(res.code).toBe(1);
    const lines = res.stdout.trim().split('\n');
    expect(lines[0]).toBe(`== ${path.join(dir, 'a.bpmn')} deployable`);
    expect(lines[1]).toBe(`== ${path.join(dir, 'b.bpmn')} rejected`);
    expect(lines).toContain('Fork_1 unsupported-element <bpmn:ComplexGateway id="Fork_1" /> is not supported by this engine yet');
    expect(lines[lines.length - 1]).toBe(`== ${path.join(ROOT, 'definitions', 'certificate-renewal.bpmn')} deployable`);
    expect(res.stderr).toContain('2 deployable, 1 rejected');
  });

  it('tells warnings apart by a `warning` field, and prints no stack trace for an empty definitions element', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bpmn-check-'));
    const xml = fs.readFileSync(path.join(ROOT, 'definitions', 'software-technical-approval.bpmn'), 'utf8').replace('type="notify-applicant"', 'type="send-fax"');
    fs.writeFileSync(path.join(dir, 'unknown-type.bpmn'), xml);
    const warned = bpmn('check', path.join(dir, 'unknown-type.bpmn'));
    expect(warned.code).toBe(0);
    expect(warned.stdout).toMatch(/^warning \S+ service-task-type .*"send-fax", which no handler of this engine runs/m);
    fs.writeFileSync(path.join(dir, 'empty.bpmn'), '<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"/>');
    const empty = bpmn('check', path.join(dir, 'empty.bpmn'));
    expect(empty.code).toBe(1);
    expect(empty.stdout.trim()).toMatch(/^definitions no-executable-process /);
    expect(empty.stderr).not.toMatch(/\bat \S+ \(/);
  });

  it('lets a .dmn that cannot be read block only the models that call a decision', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bpmn-check-'));
    fs.copyFileSync(path.join(ROOT, 'definitions', 'software-technical-approval.bpmn'), path.join(dir, 'no-decisions.bpmn'));
    fs.copyFileSync(path.join(ROOT, 'definitions', 'datacentre-grading.bpmn'), path.join(dir, 'calls-a-decision.bpmn'));
    fs.writeFileSync(path.join(dir, 'broken.dmn'), '<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/"><decision');
    const res = bpmn('check', dir);
    const lines = res.stdout.trim().split('\n');
    expect(lines).toContain(`== ${path.join(dir, 'no-decisions.bpmn')} deployable`);
    expect(lines).toContain(`== ${path.join(dir, 'calls-a-decision.bpmn')} rejected`);
    expect(lines.some((l) => l.endsWith('(broken.dmn)'))).toBe(true);
  });

  it('exits 2 with a usage line or a read error for a wrong call', () => {
    expect(bpmn('check').code).toBe(2);
    expect(bpmn('check', path.join(ROOT, 'no-such-file.bpmn')).stderr).toMatch(/cannot read .*ENOENT/);
  });
});
