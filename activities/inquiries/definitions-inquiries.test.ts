/**
 * The inquiries a process runs agree with its family's service data (definitions/services/), which
 * the public catalogue publishes: for every family, its BPMN has an `inquiry.<registry>` service task
 * for each registry the family lists and none for a registry it does not list, so the catalogue and
 * the process can never disagree. Every registry listed is one the engine has a connector for.
 */
import fs from 'node:fs';
import path from 'node:path';
import { allServiceData } from '../definition-data/services';
import { REGISTRY_NAMES } from '../../config/registries';
import { compileBpmn } from '../../compiler';
import { bundledCompileOptions } from '../../compiler/test-support';
import { createInquiryHandlers } from '.';

const DEFINITIONS = path.resolve(__dirname, '../../definitions');

/**
 * Families whose BPMN is still being wired to its listed inquiries (none now: every family is).
 * Until then their process may run fewer inquiries than listed, never an unlisted one. Remove a
 * family from here once its wiring is merged: the test fails while a wired family stays listed.
 */
const INQUIRIES_PENDING: readonly string[] = [];

/** The registries the compiled process asks (one entry per `inquiry.<registry>` service task), sorted. */
async function inquiriesRunBy(processKey: string): Promise<string[]> {
  const file = path.join(DEFINITIONS, `${processKey}.bpmn`);
  const compiled = await compileBpmn(fs.readFileSync(file, 'utf8'), await bundledCompileOptions());
  if (!compiled.ok) throw new Error(`${processKey}.bpmn does not compile: ${JSON.stringify(compiled.problems)}`);
  const registries: string[] = [];
  for (const { graph } of compiled.processes) {
    for (const element of Object.values(graph.elements)) {
      if (element.kind === 'serviceTask' && element.taskType.startsWith('inquiry.')) registries.push(element.taskType.slice('inquiry.'.length));
    }
  }
  return registries.sort();
}

const services = allServiceData();

describe('inquiries in the definitions', () => {
  it('lists only registries the engine has a connector and a service task for', () => {
    const handlerTypes = Object.keys(createInquiryHandlers({} as never, {} as never));
    for (const service of services) {
      for (const registry of service.inquiries) {
        expect([service.processKey, REGISTRY_NAMES.includes(registry as never)]).toEqual([service.processKey, true]);
        expect(handlerTypes).toContain(`inquiry.${registry}`);
      }
    }
  });

  it('names only families that have service data as pending', () => {
    for (const key of INQUIRIES_PENDING) expect(services.map((s) => s.processKey)).toContain(key);
  });

  it.each(services.map((s) => [s.processKey, s] as const))('%s runs exactly the inquiries its service data lists, each once', async (processKey, service) => {
    const run = await inquiriesRunBy(processKey);
    const listed = [...service.inquiries].sort();
    if (INQUIRIES_PENDING.includes(processKey)) {
      // not wired yet: nothing unlisted; once everything listed runs, it is no longer pending
      expect(run.filter((r) => !listed.includes(r))).toEqual([]);
      expect({ processKey, wiredButStillPending: listed.every((r) => run.includes(r)) }).toEqual({ processKey, wiredButStillPending: false });
      return;
    }
    expect({ processKey, inquiries: run }).toEqual({ processKey, inquiries: listed });
  });
});
