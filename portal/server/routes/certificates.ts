import type { FastifyInstance } from 'fastify';
import type { Db } from '../../../prisma/client';
import { authenticate, userOf } from '../plugins/auth';
import { forbidden } from '../plugins/errors';
import { isStaff } from '../services/access';
import { canonicalNumber, findIssued } from '../services/certificate-records';
import { bearer, errorSchema } from '../schemas/common';

export async function certificateRoutes(app: FastifyInstance, { db }: { db: Db }): Promise<void> {
  app.get<{ Params: { number: string } }>('/api/certificates/:number/pdf', {
    schema: {
      tags: ['certificates'], summary: 'Download the signed certificate PDF (holder or staff)', security: bearer,
      params: { type: 'object', properties: { number: { type: 'string', maxLength: 40 } } },
      response: { 400: errorSchema, 403: errorSchema, 404: errorSchema },
    },
    preHandler: authenticate(db),
  }, async (request, reply) => {
    const user = userOf(request);
    const cert = await findIssued(db, canonicalNumber(request.params.number));
    const app = await db.application.findUniqueOrThrow({ where: { id: cert.applicationId }, select: { organisationId: true } });
    if (!isStaff(user) && user.organisationId !== app.organisationId) throw forbidden('only the holder and staff may download this certificate');
    return reply
      .header('content-type', 'application/pdf')
      .header('content-disposition', `attachment; filename="${cert.number}.pdf"`)
      .header('x-content-sha256', cert.pdfSha256 ?? '')
      .send(Buffer.from(cert.pdf!));
  });
}
