/** What the definitions routes answer (portal/server/routes/definitions.ts). */

/** GET /api/definitions: the newest version of each process key. */
export interface DefinitionRow {
  /** The process key (react-admin's record id). */
  id: string;
  key: string;
  name: string | null;
  version: number;
  versionTag: string | null;
  sha256: string;
  deployedAt: string;
  deployedBy: { username: string } | null;
  versions: number;
  startedBy: 'applicant' | 'regulator';
}

/** GET /api/definitions/:key/versions */
export interface VersionRow {
  key: string;
  version: number;
  versionTag: string | null;
  name: string | null;
  sha256: string;
  deployedAt: string;
  deployedBy: { username: string } | null;
}

/** GET /api/definitions/:key/versions/:version (the graph is not needed here). */
export interface VersionDetail {
  key: string;
  version: number;
  versionTag: string | null;
  name: string | null;
  xml: string;
  deployedAt: string;
}

export interface Problem {
  elementId: string;
  rule: string;
  message: string;
  severity: 'error' | 'warning' | string;
}

/** POST /api/definitions/check */
export interface CheckAnswer {
  deployable: boolean;
  ids: string[];
  problems: Problem[];
}

/** POST /api/definitions (201) */
export interface DeployAnswer {
  versions: { key: string; version: number; versionTag: string | null; sha256: string; created: boolean }[];
  decisions: { decisionId: string; version: number; created: boolean }[];
  warnings: Problem[];
}

/** GET /api/definitions/:key/start-form */
export interface StartFormAnswer {
  key: string;
  version: number;
  name: string | null;
  startedBy: 'applicant' | 'regulator';
  form: { id?: string; components: { type: string }[] } | null;
  decisionTime: { within: string; calendar?: string } | null;
  rejectionConditions: { id: string; fa?: string; en?: string; label?: string }[] | null;
}

export const ADMIN = ['admin'] as const;
