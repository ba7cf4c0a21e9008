/**
 * Whether an error means the database could not be reached (down, restarting, out of connections),
 * as opposed to a bug or a refused query. The API answers these with 503 (portal/server/plugins/
 * unavailable.ts); service tasks wait them out instead of spending their retries
 * (activities/service-tasks/registry.ts).
 */

/** An error and the errors it wraps (`cause`), outermost first, at most a few levels deep. */
export function* errorAndCauses(err: unknown, maxDepth = 5): Generator<Record<string, unknown>> {
  for (let e: unknown = err, depth = 0; e && typeof e === 'object' && depth < maxDepth; e = (e as { cause?: unknown }).cause, depth++) {
    yield e as Record<string, unknown>;
  }
}

/** Prisma's codes for a database that cannot be reached, timed out or refused more connections. */
const DATABASE_DOWN_CODES = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024']);
/** Node's and the drivers' codes for a connection that could not be made or was lost. */
const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', '57P01', '57P03', '08006', '08001']);
/** Driver-adapter error kinds of the same. */
const ADAPTER_KINDS = new Set(['DatabaseNotReachable', 'ConnectionClosed', 'SocketTimeout', 'TooManyConnections']);

/**
 * node-postgres's own words for a pooled connection that died under a query: a plain Error with no
 * code, which Prisma's adapter passes on as it is (seen when the network to the server is cut).
 */
const PG_CONNECTION_LOST = /^(Connection terminated unexpectedly|Connection terminated due to connection timeout|Client has encountered a connection error and is not queryable)$/;

/** The driver adapter's error a Prisma error carries in `meta` (raw queries: code P2010 with the adapter's kind there). */
function adapterCauseOf(meta: unknown): Record<string, unknown> | undefined {
  const cause = (meta as { driverAdapterError?: { cause?: unknown } } | undefined)?.driverAdapterError?.cause;
  return cause && typeof cause === 'object' ? (cause as Record<string, unknown>) : undefined;
}

export function isDatabaseDown(err: unknown): boolean {
  for (const { name, code, kind, message, meta } of errorAndCauses(err)) {
    const adapterKind = adapterCauseOf(meta)?.kind;
    if (typeof adapterKind === 'string' && ADAPTER_KINDS.has(adapterKind)) return true;
    if (name === 'PrismaClientInitializationError') return true;
    if (name === 'Error' && typeof message === 'string' && PG_CONNECTION_LOST.test(message)) return true;
    if (typeof code === 'string' && (DATABASE_DOWN_CODES.has(code) || CONNECTION_CODES.has(code))) return true;
    if (typeof kind === 'string' && ADAPTER_KINDS.has(kind)) return true;
  }
  return false;
}

/**
 * isDatabaseDown for an error that came from the database client (Prisma or its driver adapter):
 * code that also calls other services over HTTP sees the same socket codes (ECONNREFUSED) from them.
 */
export function isDatabaseClientDown(err: unknown): boolean {
  const fromDatabaseClient = [...errorAndCauses(err)].some(({ name }) => typeof name === 'string' && (name.startsWith('PrismaClient') || name === 'DriverAdapterError'));
  return fromDatabaseClient && isDatabaseDown(err);
}
