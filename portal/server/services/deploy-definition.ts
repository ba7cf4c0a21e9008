/**
 * Deploys BPMN and DMN: compile (parse + validate + build the graph or decision table) and store
 * each executable process or decision as a new immutable version. Deploying a file identical to the
 * newest version is a no-op. A BPMN business rule task is compiled against the newest deployed
 * version of its decision, which is then pinned inside the process version's graph.
 */
import { definitionHash, Problem } from '../../../compiler';
import type { CompiledDecision } from '../../../workflows/graph/types';
import { Db, isUniqueViolation } from '../../../prisma/client';
import { appendAudit } from '../../../activities/audit/audit-log';
import { definitionDataCompileOptions, describeMissing, missingCardFields, missingUndertakingField, serviceData } from '../../../activities/definition-data';
import type { ProcessGraph } from '../../../workflows/graph/types';
import { HttpError } from '../plugins/errors';
import { inProcessCompiler, type DefinitionCompiler } from './compile/definition-compiler';

export interface DeployedVersion {
  key: string;
  version: number;
  versionTag: string | null;
  sha256: string;
  /** False when an identical version already existed, or a bundled file was not deployed (see `skipped`). */
  created: boolean;
  /** Why a bundled file's process was not deployed: the version in force stays. */
  skipped?: string;
}

export class DeployRejected extends HttpError {
  constructor(readonly problems: Problem[]) {
    const errors = problems.filter((p) => p.severity === 'error');
    super(400, 'invalid_bpmn', `the BPMN cannot be deployed: ${errors.map((p) => `${p.elementId} ${p.rule} ${p.message}`).join('; ')}`, undefined, { problems });
  }
}

export interface DeployedDecision {
  decisionId: string;
  version: number;
  created: boolean;
}

type Deployer = { id: string; username: string } | null;

export interface DeployOptions {
  /** Where the per-family service files are read (definitions/ by default). */
  definitionsDir?: string;
  /** A file bundled in definitions/, deployed at start-up (see deployBpmn). */
  fromFile?: boolean;
  /** How the file is compiled: in-process by default; uploaded files in worker threads (compile/). */
  compiler?: DefinitionCompiler;
}

/**
 * A process that is a public service (it has definitions/services/<key>.json) becomes a live version
 * only with a complete service identity card and permit record (regulations §3.1): one error per
 * process, naming what its card lacks, in Persian and English.
 */
export function serviceCardProblems(processIds: string[], options: DeployOptions = {}): Problem[] {
  const problems: Problem[] = [];
  for (const id of processIds) {
    const service = serviceData(id, options.definitionsDir);
    if (!service) continue;
    const missing = missingCardFields(service);
    if (!missing.length) continue;
    const text = describeMissing(missing);
    problems.push({ elementId: id, rule: 'service-card-incomplete', message: `${text.fa} — ${text.en}`, severity: 'error' });
  }
  return problems;
}

/**
 * A registration-based (ثبت‌محور) public service issues on registration, against the applicant's
 * undertaking: its start form must carry the undertaking checkbox (activities/definition-data/undertaking.ts).
 */
export function undertakingProblems(processes: { processId: string; graph: ProcessGraph }[], options: DeployOptions = {}): Problem[] {
  const problems: Problem[] = [];
  for (const { processId, graph } of processes) {
    if (serviceData(processId, options.definitionsDir)?.legal.basis !== 'registration') continue;
    const missing = missingUndertakingField(graph);
    if (missing) problems.push({ elementId: processId, rule: 'registration-undertaking-missing', message: `${missing.fa} — ${missing.en}`, severity: 'error' });
  }
  return problems;
}

/** Every problem the service files find with the processes about to deploy. */
function serviceProblems(processes: { processId: string; graph: ProcessGraph }[], options: DeployOptions): Problem[] {
  return [...serviceCardProblems(processes.map((p) => p.processId), options), ...undertakingProblems(processes, options)];
}

/**
 * A DMN file: its root is a DMN `definitions` element (any DMN version's namespace). Runs on the
 * API's thread for every upload, so it must take linear time: a comment's text cannot contain
 * `-->`, else a run of comments could be split in exponentially many ways before a failed match.
 */
export function isDmn(xml: string): boolean {
  return /^\s*(<\?xml[^>]*\?>\s*)?(<!--(?:(?!-->)[\s\S])*-->\s*)*<([\w-]+:)?definitions\b[^>]*\bxmlns(:[\w-]+)?="https?:\/\/www\.omg\.org\/spec\/DMN\//.test(xml);
}

export async function deployDefinition(db: Db, xml: string, deployedBy: Deployer, options: DeployOptions = {}): Promise<{ versions: DeployedVersion[]; decisions: DeployedDecision[]; warnings: Problem[] }> {
  if (isDmn(xml)) return { versions: [], ...(await deployDmn(db, xml, deployedBy, options)) };
  return { ...(await deployBpmn(db, xml, deployedBy, options)), decisions: [] };
}

/** The newest deployed version of every decision, by decision id. */
export async function latestDecisions(db: Db): Promise<Record<string, CompiledDecision>> {
  const rows = await db.decisionDefinition.findMany({ orderBy: [{ decisionId: 'asc' }, { version: 'asc' }] });
  const latest: Record<string, CompiledDecision> = {};
  for (const row of rows) latest[row.decisionId] = JSON.parse(row.compiled) as CompiledDecision;
  return latest;
}

export async function deployDmn(db: Db, xml: string, deployedBy: Deployer, { compiler = inProcessCompiler }: DeployOptions = {}): Promise<{ decisions: DeployedDecision[]; warnings: Problem[] }> {
  const result = await compiler.dmn(xml);
  if (!result.ok) throw new DeployRejected(result.problems);
  const sha256 = definitionHash(xml);
  const decisions: DeployedDecision[] = [];
  for (const decision of result.decisions) {
    for (;;) {
      const latest = await db.decisionDefinition.findFirst({ where: { decisionId: decision.decisionId }, orderBy: { version: 'desc' } });
      if (latest && latest.compiled === JSON.stringify(decision)) {
        decisions.push({ decisionId: decision.decisionId, version: latest.version, created: false });
        break;
      }
      const version = (latest?.version ?? 0) + 1;
      try {
        await db.decisionDefinition.create({ data: { decisionId: decision.decisionId, version, name: decision.name ?? null, xml, compiled: JSON.stringify(decision), sha256 } });
      } catch (err) {
        if (isUniqueViolation(err)) continue;
        throw err;
      }
      await appendAudit(db, {
        actor: deployedBy?.username ?? 'system',
        actorRole: 'admin',
        action: 'decision.deployed',
        entityType: 'decision-definition',
        entityId: `${decision.decisionId}:${version}`,
        details: { sha256 },
      });
      decisions.push({ decisionId: decision.decisionId, version, created: true });
      break;
    }
  }
  return { decisions, warnings: result.warnings };
}

/** What a BPMN compiles against: the newest decisions, and the option and register lists of definitions/. */
export async function compileOptionsFor(db: Db) {
  return { decisions: await latestDecisions(db), ...definitionDataCompileOptions() };
}

/** What deploying `xml` would find, without storing anything: the list the process editor shows. */
export interface DefinitionCheck {
  deployable: boolean;
  /** Processes (BPMN) or decisions (DMN) the file would deploy, by id. */
  ids: string[];
  problems: Problem[];
}

export async function checkDefinition(db: Db, xml: string, options: DeployOptions = {}): Promise<DefinitionCheck> {
  const { compiler = inProcessCompiler } = options;
  if (isDmn(xml)) {
    const dmn = await compiler.dmn(xml);
    return dmn.ok
      ? { deployable: true, ids: dmn.decisions.map((d) => d.decisionId), problems: dmn.warnings }
      : { deployable: false, ids: [], problems: dmn.problems };
  }
  const bpmn = await compiler.bpmn(xml, await compileOptionsFor(db));
  if (!bpmn.ok) return { deployable: false, ids: [], problems: bpmn.problems };
  const ids = bpmn.processes.map((p) => p.processId);
  const cards = serviceProblems(bpmn.processes, options);
  return cards.length ? { deployable: false, ids: [], problems: [...cards, ...bpmn.warnings] } : { deployable: true, ids, problems: bpmn.warnings };
}

/**
 * `fromFile`: the file bundled in definitions/, deployed at start-up (deployedBy is null). Such a file
 * deploys only when it changed since it was last deployed from the file, and never over a newer
 * version an administrator deployed from the editor: a restart must not undo the editor's work.
 */
export async function deployBpmn(db: Db, xml: string, deployedBy: Deployer, options: DeployOptions = {}): Promise<{ versions: DeployedVersion[]; warnings: Problem[] }> {
  const result = await (options.compiler ?? inProcessCompiler).bpmn(xml, await compileOptionsFor(db));
  if (!result.ok) throw new DeployRejected(result.problems);
  const cards = serviceProblems(result.processes, options);
  if (cards.length) throw new DeployRejected(cards);
  const sha256 = definitionHash(xml);
  const versions: DeployedVersion[] = [];
  for (const p of result.processes) {
    const data = { key: p.processId, name: p.name ?? null, versionTag: p.versionTag ?? null, xml, graph: JSON.stringify(p.graph), sha256 };
    const skipped = options.fromFile ? await editorVersionInForce(db, data.key, sha256) : undefined;
    versions.push(skipped ?? await storeVersion(db, data, deployedBy));
  }
  return { versions, warnings: result.warnings };
}

/** The editor's version that keeps a bundled file from deploying, with the reason; undefined when the file may deploy. */
async function editorVersionInForce(db: Db, key: string, sha256: string): Promise<DeployedVersion | undefined> {
  const latest = await db.processDefinition.findFirst({ where: { key }, orderBy: { version: 'desc' }, include: { deployedBy: { select: { username: true } } } });
  if (!latest || latest.deployedById === null || latest.sha256 === sha256) return undefined;
  const lastFromFile = await db.processDefinition.findFirst({ where: { key, deployedById: null }, orderBy: { version: 'desc' }, select: { version: true, sha256: true } });
  const editor = `version ${latest.version}, deployed from the editor by ${latest.deployedBy?.username ?? 'an administrator'}, stays in force`;
  const skipped = lastFromFile?.sha256 === sha256
    ? `the file is unchanged since it was deployed as version ${lastFromFile.version}; ${editor}`
    : `the file changed, but ${editor}; deploy the file from the editor to replace it`;
  return { key, version: latest.version, versionTag: latest.versionTag, sha256: latest.sha256, created: false, skipped };
}

interface VersionData { key: string; name: string | null; versionTag: string | null; xml: string; graph: string; sha256: string }

async function storeVersion(db: Db, data: VersionData, deployedBy: { id: string; username: string } | null): Promise<DeployedVersion> {
  for (;;) {
    const latest = await db.processDefinition.findFirst({ where: { key: data.key }, orderBy: { version: 'desc' } });
    if (latest && latest.sha256 === data.sha256) {
      return { key: data.key, version: latest.version, versionTag: latest.versionTag, sha256: data.sha256, created: false };
    }
    const version = (latest?.version ?? 0) + 1;
    try {
      await db.processDefinition.create({ data: { ...data, version, deployedById: deployedBy?.id ?? null } });
    } catch (err) {
      if (isUniqueViolation(err)) continue; // a concurrent deploy took this version number
      throw err;
    }
    await appendAudit(db, {
      actor: deployedBy?.username ?? 'system',
      actorRole: 'admin',
      action: 'definition.deployed',
      entityType: 'process-definition',
      entityId: `${data.key}:${version}`,
      details: { sha256: data.sha256, versionTag: data.versionTag },
    });
    return { key: data.key, version, versionTag: data.versionTag, sha256: data.sha256, created: true };
  }
}
