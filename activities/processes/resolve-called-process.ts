/** Finds what a call activity runs: the newest deployed version of a process key. */
import { ApplicationFailure } from '@temporalio/activity';
import type { Db } from '../../prisma/client';
import type { CalledProcess } from '../../workflows/activities-api';
import type { ProcessGraph } from '../../workflows/graph/types';

export function createProcessActivities(db: Db) {
  return {
    async resolveCalledProcess({ processId }: { processId: string }): Promise<CalledProcess> {
      const def = await db.processDefinition.findFirst({ where: { key: processId }, orderBy: { version: 'desc' } });
      // not retryable: an operator deploys the process, then retries the incident
      if (!def) throw ApplicationFailure.nonRetryable(`no deployed process with id "${processId}" to call`, 'CalledProcessNotFound');
      return {
        definition: { id: def.id, key: def.key, version: def.version, sha256: def.sha256 },
        graph: JSON.parse(def.graph) as ProcessGraph,
      };
    },
  };
}
