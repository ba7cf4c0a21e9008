/**
 * The legal-deadline sweep: finds the running applications of approval-based families
 * (definitions/services, legal.basis = approval) whose legal clock has run out and starts the
 * `legal-deadline` ruling for each, exactly once (its tracking number derives from the ruled
 * application's). Run by a Temporal schedule in the worker, and by administrators on demand
 * (POST /api/legal-deadlines/sweep). With engine clock control (demos, tests) an application's
 * time is its instance's engine clock.
 */
import type { Client } from '@temporalio/client';
import type { Db } from '../../prisma/client';
import type { LegalDeadlineSweepResult } from '../../workflows/activities-api';
import type { ProcessGraph } from '../../workflows/graph/types';
import { getStateQuery } from '../../workflows/messages';
import { parseCalendar } from '../../workflows/timers/calendar-data';
import type { WorkingCalendar } from '../../workflows/timers/working-days';
import { readCalendar } from '../calendars/load-calendar';
import { allServiceData } from '../definition-data/services';
import { issuedFamilyOf, ruledVariablesOf, startRuling } from '../rulings/start-ruling';
import { clockedFeesOf } from './clocked-fees';
import { legalClockOf } from './legal-clock';

export interface SweepOptions {
  /** Read each application's time from its engine clock (instances started with clock control). */
  engineClock?: boolean;
  /** Only these applications (an administrator's check of one). */
  trackingNumbers?: string[];
  now?: Date;
  /** Where the service files are read (definitions/ by default; tests give a folder of test families). */
  definitionsDir?: string;
}

export type SweepResult = LegalDeadlineSweepResult;

async function engineNow(client: Client, trackingNumber: string, fallback: Date): Promise<Date> {
  try {
    const state = await client.workflow.getHandle(trackingNumber).query(getStateQuery);
    return state.clock ? new Date(state.clock) : fallback;
  } catch {
    return fallback;
  }
}

export async function sweepLegalDeadlines(db: Db, client: Client, taskQueue: string, options: SweepOptions = {}): Promise<SweepResult> {
  const result: SweepResult = { ruled: [], checked: 0 };
  const calendars = new Map<string, WorkingCalendar | undefined>();
  for (const service of allServiceData(options.definitionsDir)) {
    const { legal } = service;
    // a registration-based family issues on registration: there is no decision to wait for
    if (legal.basis !== 'approval') continue;
    if (!calendars.has(legal.calendar)) {
      const parsed = parseCalendar(await readCalendar(db, legal.calendar));
      calendars.set(legal.calendar, parsed.ok ? parsed.calendar : undefined);
    }
    const calendar = calendars.get(legal.calendar);
    if (!calendar) continue;
    const running = await db.application.findMany({
      where: { processKey: service.processKey, status: 'running', ...(options.trackingNumbers ? { trackingNumber: { in: options.trackingNumbers } } : {}) },
      include: {
        applicant: { select: { username: true } },
        definition: { select: { graph: true } },
        tasks: { select: { status: true, assignee: true, candidateGroups: true, createdAt: true, completedAt: true } },
      },
      take: 1000,
    });
    const fees = await clockedFeesOf(db, running);
    for (const app of running) {
      result.checked++;
      const wallNow = options.now ?? new Date();
      const now = options.engineClock ? await engineNow(client, app.trackingNumber, wallNow) : wallNow;
      const clock = legalClockOf({ ...app, applicantUsername: app.applicant.username, fees: fees.get(app.id) ?? [] }, legal.maxWorkingDays, calendar, now);
      if (!clock.passed) continue;
      const family = issuedFamilyOf(JSON.parse(app.definition.graph) as ProcessGraph);
      if (!family) continue;
      // the unit that held the file when the time ran out: the groups of its open review tasks
      const reviewingUnit = [...new Set(app.tasks.filter((t) => t.status === 'open').flatMap((t) => t.candidateGroups.split(',')).filter(Boolean))].join(',');
      const ruling = await startRuling(db, client, taskQueue, {
        processKey: 'legal-deadline',
        ruled: app,
        idempotencyKey: `legal-deadline:${app.trackingNumber}`,
        actor: 'system',
        variables: {
          ...(await ruledVariablesOf(db, app.id, client)),
          ruledTrackingNumber: app.trackingNumber,
          certificateFamily: family,
          onDeadline: legal.onDeadline,
          escalateTo: legal.escalateTo,
          reviewingUnit,
          legalDeadline: clock.deadline.toISOString(),
        },
      });
      result.ruled.push({ trackingNumber: app.trackingNumber, ruling, deadline: clock.deadline.toISOString() });
    }
  }
  return result;
}
