/**
 * Deploys BPMN: compile (parse + validate + build the graph) and store each executable process as a
 * new immutable version. Deploying a file identical to the newest version of a process is a no-op.
 */
import { compileBpmn, definitionHash, Problem } from '../../../compiler';
import { Db, isUniqueViolation } from '../../../prisma/client';
import { appendAudit } from '../../../activities/audit/audit-log';
import { HttpError } from '../plugins/errors';

export interface DeployedVersion {
  key: string;
  version: number;
  versionTag: string | null;
  sha256: string;
  /** False when an identical version already existed. */
  created: boolean;
}

export class DeployRejected extends HttpError {
  constructor(readonly problems: Problem[]) {
    const errors = problems.filter((p) => p.severity === 'error');
    super(400, 'invalid_bpmn', `the BPMN cannot be deployed: ${errors.map((p) => `${p.elementId} ${p.rule} ${p.message}`).join('; ')}`, undefined, { problems });
  }
}

export async function deployBpmn(db: Db, xml: string, deployedBy: { id: string; username: string } | null): Promise<{ versions: DeployedVersion[]; warnings: Problem[] }> {
  const result = await compileBpmn(xml);
  if (!result.ok) throw new DeployRejected(result.problems);
  const sha256 = definitionHash(xml);
  const versions: DeployedVersion[] = [];
  for (const p of result.processes) {
    versions.push(await storeVersion(db, { key: p.processId, name: p.name ?? null, versionTag: p.versionTag ?? null, xml, graph: JSON.stringify(p.graph), sha256 }, deployedBy));
  }
  return { versions, warnings: result.warnings };
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
