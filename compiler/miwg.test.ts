import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { compileBpmn } from './index';
import { errorsOf } from './test-support';

/** OMG BPMN MIWG reference models: real files from many tools, mostly beyond what the engine runs. */
/** ../shared beside the project's clone (as on CI); MIWG_DIR overrides. */
const MIWG = process.env.MIWG_DIR ?? resolve(__dirname, '..', '..', 'shared', 'conformance', 'miwg');
const files = existsSync(MIWG) ? readdirSync(MIWG).filter((f) => f.endsWith('.bpmn')).sort() : [];

describe('compiler - MIWG reference models', () => {
  it('finds the reference models beside the project', () => {
    expect({ dir: MIWG, models: files.length }).toEqual({ dir: MIWG, models: 21 });
  });

  it.each(files)('%s compiles or is rejected with problems that each name an element', async (file) => {
    const result = await compileBpmn(readFileSync(join(MIWG, file), 'utf8'));
    const problems = result.ok ? result.warnings : result.problems;
    if (!result.ok) expect(problems.some((p) => p.severity === 'error')).toBe(true);
    for (const problem of problems) {
      expect(problem.elementId).toMatch(/\S/);
      expect(problem.rule).not.toBe('internal-error');
      expect(problem.message).toMatch(/^[^A-Z]/);
    }
  });

  it('rejects the Camunda 8 onboarding model for its send, receive and timer elements', async () => {
    const errors = errorsOf(await compileBpmn(readFileSync(join(MIWG, 'C.9.1.bpmn'), 'utf8')));
    expect(errors).toEqual(
      expect.arrayContaining([
        { elementId: 'SendTask_RequestDocument', rule: 'unsupported-element' },
        { elementId: 'ReceiveTask_WaitForDocument', rule: 'unsupported-element' },
        { elementId: 'BoundaryEvent_1', rule: 'unsupported-element' },
        { elementId: 'UserTask_CallCustomer', rule: 'user-task-assignment' },
      ]),
    );
    // boundary events are reached through the task they are attached to
    expect(errors.filter((e) => e.rule === 'unreachable-element')).toEqual([]);
  });

  it('rejects the descriptive models because none of their processes is executable', async () => {
    const errors = errorsOf(await compileBpmn(readFileSync(join(MIWG, 'A.1.0.bpmn'), 'utf8')));
    expect(errors).toEqual([{ elementId: '_1373649849716', rule: 'no-executable-process' }]);
  });

  it('rejects the invoice model for its bpmn potential owners and non-feel conditions', async () => {
    const errors = errorsOf(await compileBpmn(readFileSync(join(MIWG, 'C.1.1.bpmn'), 'utf8')));
    expect(errors).toEqual(
      expect.arrayContaining([
        { elementId: 'approveInvoice', rule: 'unsupported-element' },
        { elementId: 'invoiceApproved', rule: 'feel-syntax' },
        { elementId: 'archiveInvoice', rule: 'service-task-type' },
      ]),
    );
  });
});
