/**
 * Prometheus metrics of the API: request rates and latencies by route pattern (never the raw URL,
 * so tracking numbers cannot explode the series), the process's own figures, and the work figures
 * an operator watches (open tasks per candidate group, tasks past their due date, applications per
 * status, incidents included), read from the database when scraped. One registry per app, so
 * several apps in one test process do not share counters.
 */
import type { FastifyInstance } from 'fastify';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Db } from '../../../prisma/client';

export function registerMetrics(app: FastifyInstance, db: Db): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'ito_api_' });

  const requests = new Counter({ name: 'ito_api_http_requests_total', help: 'HTTP requests answered, by method, route pattern and status', labelNames: ['method', 'route', 'status'] as const, registers: [registry] });
  const latency = new Histogram({
    name: 'ito_api_http_request_duration_seconds', help: 'Time to answer, by method and route pattern', labelNames: ['method', 'route'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10], registers: [registry],
  });
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    requests.inc({ method: request.method, route, status: String(reply.statusCode) });
    latency.observe({ method: request.method, route }, reply.elapsedTime / 1000);
  });

  new Gauge({
    name: 'ito_open_user_tasks', help: 'Open user tasks per candidate group (a task offered to several groups counts in each)', labelNames: ['group'] as const, registers: [registry],
    async collect() {
      this.reset();
      const open = await db.task.findMany({ where: { status: 'open' }, select: { candidateGroups: true } });
      const perGroup = new Map<string, number>();
      for (const t of open) for (const g of t.candidateGroups ? t.candidateGroups.split(',') : ['(none)']) perGroup.set(g, (perGroup.get(g) ?? 0) + 1);
      for (const [group, n] of perGroup) this.set({ group }, n);
    },
  });
  new Gauge({
    name: 'ito_user_tasks_past_due', help: 'Open user tasks past their due date (SLA breaches now)', registers: [registry],
    async collect() {
      this.set(await db.task.count({ where: { status: 'open', dueDate: { lt: new Date() } } }));
    },
  });
  new Gauge({
    name: 'ito_applications', help: 'Applications per status (incident: stopped at an incident)', labelNames: ['status'] as const, registers: [registry],
    async collect() {
      this.reset();
      const rows = await db.application.groupBy({ by: ['status'], _count: { _all: true } });
      for (const r of rows) this.set({ status: r.status }, r._count._all);
    },
  });
  return registry;
}
