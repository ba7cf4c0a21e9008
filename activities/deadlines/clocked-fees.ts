/**
 * The fees that stop applications' legal clocks (legal-clock.ts), read in one query: each
 * application's own fee orders. A ruling's fee (legal deadline, appeal) is listed on the ruled
 * application but asked for by the ruling (its trackingNumber), after the ruled one was decided:
 * it does not stop the ruled application's clock.
 */
import type { Db } from '../../prisma/client';
import type { ClockedFee } from './legal-clock';

export async function clockedFeesOf(db: Db, applications: { id: string; trackingNumber: string }[]): Promise<Map<string, ClockedFee[]>> {
  const byId = new Map(applications.map((a) => [a.id, [] as ClockedFee[]]));
  if (applications.length === 0) return byId;
  const rows = await db.payment.findMany({
    where: { applicationId: { in: applications.map((a) => a.id) } },
    select: { applicationId: true, trackingNumber: true, state: true, createdAt: true, paidAt: true, updatedAt: true },
    orderBy: { createdAt: 'asc' },
  });
  const trackingOf = new Map(applications.map((a) => [a.id, a.trackingNumber]));
  for (const { applicationId, trackingNumber, ...fee } of rows) {
    if (trackingOf.get(applicationId) === trackingNumber) byId.get(applicationId)?.push(fee);
  }
  return byId;
}

/** One application's fees (see clockedFeesOf). */
export async function clockedFeesOfOne(db: Db, application: { id: string; trackingNumber: string }): Promise<ClockedFee[]> {
  return (await clockedFeesOf(db, [application])).get(application.id) ?? [];
}
