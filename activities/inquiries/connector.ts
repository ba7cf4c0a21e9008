/**
 * A connector asks one external registry one kind of question. Each registry has an HTTP client
 * (clients/), and the local simulator (simulators/registries/) speaks the same HTTP, so development
 * and tests run the very code production runs. A connector returns the registry's answer or throws
 * (registry-http.ts says which failures are retried); it never decides what the answer means for
 * the application: the inquiry task does (tasks/).
 */
import type { RegistryEndpoint, RegistryName } from '../../config/registries';

export interface Connector<Request, Answer> {
  readonly registry: RegistryName;
  ask(request: Request): Promise<Answer>;
}

export type ConnectorFactory<Request, Answer> = (endpoint: RegistryEndpoint) => Connector<Request, Answer>;

// ── company registry (سامانه ثبت شرکت‌ها): a legal person by its national ID ──

export type CompanyStatus = 'active' | 'struck-off' | 'dissolved' | 'in-liquidation' | 'suspended';

export interface CompanyDirector {
  name: string;
  nationalId: string;
  role: string;
}

export type CompanyAnswer =
  | { found: false; nationalId: string }
  | { found: true; nationalId: string; name: string; status: CompanyStatus; registeredAt?: string; directors: CompanyDirector[] };

// ── national identity (in the manner of Shahkar): does this mobile belong to this national ID? ──

export interface IdentityRequest {
  nationalId: string;
  mobile: string;
}

export interface IdentityAnswer {
  nationalId: string;
  /** The mobile line is registered to this national ID. */
  match: boolean;
}

// ── degree verification (سامانه استعلام مدرک تحصیلی) ──

export interface DegreeRequest {
  nationalId: string;
  degree: string;
  fieldOfStudy?: string;
}

export interface DegreeRecord {
  degree: string;
  fieldOfStudy: string;
  university: string;
  graduatedIn: number;
}

export interface DegreeAnswer {
  nationalId: string;
  /** A recorded degree of this level (and field, when one was asked) exists. */
  verified: boolean;
  degrees: DegreeRecord[];
}
