/**
 * The inquiries a process runs agree with its family's service data (definitions/services/): every
 * `inquiry.<registry>` service task of a BPMN file names a registry the family lists, and every
 * registry listed is one the engine has a connector for. (A family may list a registry its BPMN does
 * not ask yet; the list is what the service catalogue publishes.)
 */
import fs from 'node:fs';
import path from 'node:path';
import { allServiceData } from '../definition-data/services';
import { REGISTRY_NAMES } from '../../config/registries';
import { createInquiryHandlers } from '.';

const DEFINITIONS = path.resolve(__dirname, '../../definitions');

function inquiryTypesOf(processKey: string): string[] {
  const file = path.join(DEFINITIONS, `${processKey}.bpmn`);
  if (!fs.existsSync(file)) return [];
  return [...fs.readFileSync(file, 'utf8').matchAll(/<zeebe:taskDefinition type="inquiry\.([^"]+)"/g)].map((m) => m[1]);
}

describe('inquiries in the definitions', () => {
  it('lists only registries the engine has a connector and a service task for', () => {
    const handlerTypes = Object.keys(createInquiryHandlers({} as never, {} as never));
    for (const service of allServiceData()) {
      for (const registry of service.inquiries) {
        expect([service.processKey, REGISTRY_NAMES.includes(registry as never)]).toEqual([service.processKey, true]);
        expect(handlerTypes).toContain(`inquiry.${registry}`);
      }
    }
  });

  it('runs in each process only the inquiries its family lists', () => {
    let wired = 0;
    for (const service of allServiceData()) {
      for (const registry of inquiryTypesOf(service.processKey)) {
        expect([service.processKey, registry, service.inquiries.includes(registry)]).toEqual([service.processKey, registry, true]);
        wired += 1;
      }
    }
    expect(wired).toBeGreaterThanOrEqual(4); // technical approval: 1; AFTA licence: 3
  });
});
