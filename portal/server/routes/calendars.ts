/**
 * Working-day calendars (weekend and Solar Hijri holidays) that timers and task SLAs count on.
 * Administrators edit them here; the bundled definitions/calendars/<id>.json is the default until a
 * calendar is saved. Instances read a calendar when a timer or SLA starts, so a change applies to
 * timers started afterwards.
 */
import type { FastifyInstance } from 'fastify';
import type { Db } from '../../../prisma/client';
import { appendAudit } from '../../../activities/audit/audit-log';
import { listCalendarIds, readCalendar } from '../../../activities/calendars/load-calendar';
import { parseCalendar } from '../../../workflows/timers/calendar-data';
import { authenticate, requireRole, userOf } from '../plugins/auth';
import { HttpError, notFound } from '../plugins/errors';
import { bearer, errorSchema } from '../schemas/common';

const calendarId = { type: 'object', required: ['id'], properties: { id: { type: 'string', pattern: '^[a-z0-9][a-z0-9-]{0,63}$' } } } as const;

export async function calendarRoutes(app: FastifyInstance, { db }: { db: Db }): Promise<void> {
  app.get('/api/calendars', {
    schema: { tags: ['calendars'], summary: 'Ids of the working-day calendars', security: bearer, response: { 200: { type: 'array', items: { type: 'string' } } } },
    onRequest: authenticate(db),
  }, async () => listCalendarIds(db));

  app.get<{ Params: { id: string } }>('/api/calendars/:id', {
    schema: { tags: ['calendars'], summary: 'A working-day calendar', security: bearer, params: calendarId, response: { 404: errorSchema } },
    onRequest: authenticate(db),
  }, async (request) => {
    const calendar = await readCalendar(db, request.params.id);
    if (calendar === undefined) throw notFound(`no working-day calendar "${request.params.id}"`);
    return calendar;
  });

  app.put<{ Params: { id: string }; Body: Record<string, unknown> }>('/api/calendars/:id', {
    bodyLimit: 256 * 1024,
    schema: {
      tags: ['calendars'], summary: 'Replace a working-day calendar (weekend, UTC offset, Jalali holidays)', security: bearer,
      params: calendarId, body: { type: 'object' }, response: { 400: errorSchema },
    },
    onRequest: [authenticate(db), requireRole('admin')],
  }, async (request) => {
    const parsed = parseCalendar(request.body);
    if (!parsed.ok) throw new HttpError(400, 'invalid_calendar', `the calendar is invalid: ${parsed.errors.join('; ')}`, undefined, { problems: parsed.errors });
    if (parsed.calendar.id !== request.params.id) throw new HttpError(400, 'invalid_calendar', `the calendar's id "${parsed.calendar.id}" does not match the address "${request.params.id}"`);
    const data = JSON.stringify(parsed.calendar);
    await db.workingCalendar.upsert({ where: { id: request.params.id }, create: { id: request.params.id, data }, update: { data } });
    const user = userOf(request);
    await appendAudit(db, { actor: user.username, actorRole: 'admin', action: 'calendar.saved', entityType: 'calendar', entityId: request.params.id, details: { holidays: parsed.calendar.holidays.length } });
    return parsed.calendar;
  });
}
