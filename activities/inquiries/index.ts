/**
 * The inquiry service tasks by zeebe:taskDefinition type, each with the HTTP client of its
 * registry built from the configuration (config/registries.ts). Tests may pass other connectors.
 */
import type { Db } from '../../prisma/client';
import type { RegistriesConfig } from '../../config/registries';
import type { ServiceTaskHandler } from '../service-tasks/registry';
import type { CompanyAnswer, Connector, DegreeAnswer, DegreeRequest, IdentityAnswer, IdentityRequest } from './connector';
import { companyRegistryClient } from './clients/company-registry';
import { nationalIdentityClient } from './clients/national-identity';
import { degreeVerificationClient } from './clients/degree-verification';
import { createCompanyRegistryInquiry } from './tasks/company-registry';
import { createNationalIdentityInquiry } from './tasks/national-identity';
import { createDegreeVerificationInquiry } from './tasks/degree-verification';

export interface Connectors {
  'company-registry': Connector<{ nationalId: string }, CompanyAnswer>;
  'national-identity': Connector<IdentityRequest, IdentityAnswer>;
  'degree-verification': Connector<DegreeRequest, DegreeAnswer>;
}

export function httpConnectors(config: RegistriesConfig): Connectors {
  return {
    'company-registry': companyRegistryClient(config.endpoints['company-registry']),
    'national-identity': nationalIdentityClient(config.endpoints['national-identity']),
    'degree-verification': degreeVerificationClient(config.endpoints['degree-verification']),
  };
}

export function createInquiryHandlers(db: Db, connectors: Connectors): Record<string, ServiceTaskHandler> {
  return {
    'inquiry.company-registry': createCompanyRegistryInquiry(db, connectors['company-registry']),
    'inquiry.national-identity': createNationalIdentityInquiry(db, connectors['national-identity']),
    'inquiry.degree-verification': createDegreeVerificationInquiry(db, connectors['degree-verification']),
  };
}

export { listInquiryResults, type InquiryResultView } from './inquiry-results';
