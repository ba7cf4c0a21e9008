/** A deployed version's compiled graph, parsed once per process: versions never change. */
import type { Db } from '../../../prisma/client';
import type { ProcessGraph } from '../../../workflows/graph/types';

const graphs = new Map<string, ProcessGraph>();

export async function graphOf(db: Db, definitionId: string): Promise<ProcessGraph> {
  let graph = graphs.get(definitionId);
  if (!graph) {
    const row = await db.processDefinition.findUniqueOrThrow({ where: { id: definitionId }, select: { graph: true } });
    graph = JSON.parse(row.graph) as ProcessGraph;
    graphs.set(definitionId, graph);
  }
  return graph;
}
