/**
 * Working-day calendars: rows an administrator edits (WorkingCalendar), falling back to the
 * defaults shipped in definitions/calendars/<id>.json. The workflow validates what it gets.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ApplicationFailure } from '@temporalio/activity';
import type { Db } from '../../prisma/client';

export const CALENDARS_DIR = path.resolve(__dirname, '..', '..', 'definitions', 'calendars');
const CALENDAR_ID = /^[a-z0-9][a-z0-9-]{0,63}$/;

export async function readCalendar(db: Db, calendarId: string): Promise<unknown | undefined> {
  if (!CALENDAR_ID.test(calendarId)) return undefined;
  const row = await db.workingCalendar.findUnique({ where: { id: calendarId } });
  if (row) return JSON.parse(row.data) as unknown;
  const file = path.join(CALENDARS_DIR, `${calendarId}.json`);
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as unknown) : undefined;
}

/** Ids of every calendar: the bundled defaults and the ones administrators saved. */
export async function listCalendarIds(db: Db): Promise<string[]> {
  const bundled = fs.readdirSync(CALENDARS_DIR).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -'.json'.length));
  const saved = (await db.workingCalendar.findMany({ select: { id: true } })).map((r) => r.id);
  return [...new Set([...bundled, ...saved])].filter((id) => CALENDAR_ID.test(id)).sort();
}

export function createCalendarActivities(db: Db) {
  return {
    async loadCalendar({ calendarId }: { calendarId: string }): Promise<unknown> {
      const calendar = await readCalendar(db, calendarId);
      if (calendar === undefined) throw ApplicationFailure.nonRetryable(`no working-day calendar "${calendarId}"`, 'CalendarNotFound');
      return calendar;
    },
  };
}
