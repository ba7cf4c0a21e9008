/** A registration-based family's undertaking: required in its service file and on its start form. */
import path from 'node:path';
import type { FormField, ProcessGraph } from '../../workflows/graph/types';
import { checkServiceData, serviceData } from './services';
import { missingUndertakingField, undertakingOf } from './undertaking';

const FIXTURES = path.join(__dirname, '..', '..', 'test', 'fixtures', 'definitions');

function graphWith(components: FormField[] | undefined): ProcessGraph {
  return { startEventIds: ['start'], elements: { start: { kind: 'startEvent', id: 'start', interrupting: true, ...(components ? { form: { components } } : {}) } } } as unknown as ProcessGraph;
}

describe('the undertaking of a registration-based family', () => {
  const registration = serviceData('registration-undertaking', FIXTURES)!;

  it('is read from the service file; approval-based families have none', () => {
    expect(undertakingOf(registration)).toMatchObject({ fa: expect.stringContaining('متعهد'), en: expect.stringContaining('undertake') });
    expect(undertakingOf(serviceData('legal-short-deadline', FIXTURES))).toBeUndefined();
    expect(undertakingOf(serviceData('software-technical-approval'))).toBeUndefined();
  });

  it('must be given for a registration-based family, and only there', () => {
    const { undertaking: _u, ...legal } = registration.legal;
    expect(() => checkServiceData({ ...registration, legal }, '/x/registration-undertaking.json')).toThrow(/legal\.undertaking/);
    const ta = serviceData('software-technical-approval')!;
    expect(() => checkServiceData({ ...ta, legal: { ...ta.legal, undertaking: registration.legal.undertaking } }, '/x/software-technical-approval.json')).toThrow(/registration-based families only/);
  });

  it('needs a required, always shown checkbox keyed undertaking on the start form', () => {
    const ok: FormField = { key: 'undertaking', type: 'checkbox', validate: { required: true } };
    expect(missingUndertakingField(graphWith([{ key: 'name', type: 'textfield' }, ok]))).toBeUndefined();
    expect(missingUndertakingField(graphWith(undefined))?.en).toContain('has no start form');
    expect(missingUndertakingField(graphWith([{ key: 'name', type: 'textfield' }]))?.en).toContain('lacks the undertaking field');
    expect(missingUndertakingField(graphWith([{ ...ok, validate: {} }]))?.en).toContain('required checkbox');
    expect(missingUndertakingField(graphWith([{ ...ok, type: 'textfield' }]))?.en).toContain('required checkbox');
    expect(missingUndertakingField(graphWith([{ ...ok, conditional: { hide: '=true' } }]))?.en).toContain('always shown');
  });
});
